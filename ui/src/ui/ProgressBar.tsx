//! A determinate progress bar with its numbers.

export function ProgressBar(props: { done: number; total: number; label: string; testId?: string }) {
  const pct = props.total > 0 ? Math.min(100, Math.round((props.done / props.total) * 100)) : 0;
  return (
    <div className="progress" data-testid={props.testId}>
      <div className="progress-label">
        <span>{props.label}</span>
        <span>{pct}%</span>
      </div>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={props.total} aria-valuenow={props.done} aria-label={props.label}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
