/** "Dec 5, 2026, 10:02:31 AM": a run's time in History's rows and delete labels (runs a minute apart differ). */
export const when = (time: number) =>
  new Date(time).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'medium' });

/** "Dec 5, 10:02:31 AM": without the year, for the chart and the links between runs. */
export const shortWhen = (time: number) =>
  new Date(time).toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  });
