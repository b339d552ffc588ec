/**
 * The annotator's own dashboard on Home, loaded from this workstation's store (nothing leaves it).
 * Shown once there is work to show: a panel of dashes and empty charts tells a new person nothing.
 */
import { useEffect, useState } from 'react';
import type { Dashboard as DashboardData } from '../../../shared/reviewContract';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError } from '../notify';
import { Dashboard } from './Dashboard';

/** Anything done or judged yet: a task submitted or skipped, a review, gold feedback, a comment. */
export function hasWork(data: DashboardData): boolean {
  return data.tasksDone > 0 || data.reviewed > 0 || data.goldItems > 0 || data.feedback.length > 0;
}

export function DashboardSection() {
  const [data, setData] = useState<DashboardData | null>(null);
  useEffect(() => {
    call('me:dashboard', {}).then((d) => {
      setData(d);
      emitAppEvent('dashboard-ready', { reviewed: d.reviewed, feedback: d.feedback.length });
    }, (error) => notifyError(error, 'Could not read your dashboard'));
  }, []);
  return data && hasWork(data) ? <Dashboard data={data} /> : null;
}
