// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findPrivateElements, isPrivate } from '@/utils/page/regions/privacy';

describe('private content', () => {
  it('is password fields, cc-* and one-time-code inputs, marked elements and the user’s selectors', () => {
    document.body.innerHTML = `
      <input id="password" type="password">
      <input id="card" autocomplete="cc-number">
      <input id="expiry" autocomplete="billing CC-EXP">
      <input id="otp" autocomplete="one-time-code">
      <p id="marked" data-restage-private>Account 4242</p>
      <p id="chosen" class="secret">Launch date</p>
      <input id="email" autocomplete="email">
      <input id="name" autocomplete="name">
      <p id="plain">Hello</p>`;
    const ids = findPrivateElements(document, ['.secret']).map((el) => el.id);
    expect(ids.sort()).toEqual(['card', 'chosen', 'expiry', 'marked', 'otp', 'password'].sort());
    for (const id of ['email', 'name', 'plain'])
      expect(isPrivate(document.getElementById(id)!), id).toBe(false);
  });
});
