import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/base.css';
import { BADGE_CSS_VARS } from '@/utils/core/render/badges';
import { App } from '@/entrypoints/sidepanel/App';

// One badge palette for the overlay, the panel, the report and annotated.png.
document.documentElement.style.cssText += BADGE_CSS_VARS;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
