/** The annotator's own dashboard on Home, loaded from this workstation's store (nothing leaves it). */
import { useEffect, useState } from 'react';
import type { Dashboard as DashboardData } from '../../../shared/reviewContract';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError } from '../notify';
import { Dashboard } from './Dashboard';

export function DashboardSection() {
  const [data, setData] = useState<DashboardData | null>(null);
  useEffect(() => {
    call('me:dashboard', {}).then((d) => {
      setData(d);
      emitAppEvent('dashboard-ready', { reviewed: d.reviewed, feedback: d.feedback.length });
    }, (error) => notifyError(error, 'Could not read your dashboard'));
  }, []);
  return data ? <Dashboard data={data} /> : null;
}
