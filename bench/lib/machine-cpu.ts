import fs from 'node:fs';

/**
 * /proc/stat counts in USER_HZ, which Linux fixes at 100 for user space on
 * every architecture Node runs on, whatever the kernel's own tick rate.
 */
const TICKS_PER_SECOND = 100;

/** What the machine's processors did since boot, in seconds of CPU time, all cores together. */
export interface MachineCpu {
  /** Running any process, this one included (user, nice, system, irq, softirq). */
  busy: number;
  /** Taken by the hypervisor for other virtual machines while this one had work to run. */
  stolen: number;
}

/**
 * The machine's CPU counters now, or undefined where /proc/stat is not there
 * (not Linux). Read before and after a run, they tell what other work on the
 * machine took meanwhile: the busy time less the run's own CPU time. Load
 * averages, sampled at the start and end of a whole benchmark, cannot say
 * which builds another tenant's work overlapped.
 */
export function machineCpu(): MachineCpu | undefined {
  let line: string;
  try {
    line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  } catch {
    return undefined;
  }
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user and nice)
  const [label, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/);
  if (label !== 'cpu') return undefined;
  const seconds = (...fields: string[]) => fields.reduce((sum, field) => sum + Number(field ?? 0), 0) / TICKS_PER_SECOND;
  return { busy: seconds(user, nice, system, irq, softirq), stolen: seconds(steal) };
}

/** Other work's CPU seconds between two readings around a run that used `ownCpuSeconds`: at least 0 (the counters tick in hundredths). */
export function othersCpuSeconds(before: MachineCpu, after: MachineCpu, ownCpuSeconds: number): number {
  return Math.max(0, after.busy - before.busy - ownCpuSeconds) + (after.stolen - before.stolen);
}
