import os from 'node:os';

/** What the numbers were measured on, for the report's header. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  /** The 1-minute load average when the run started and when it ended. */
  loadAtStart: number;
  loadAtEnd?: number;
  startedAt: Date;
  finishedAt?: Date;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAtStart: os.loadavg()[0],
    startedAt: new Date(),
  };
}

export function finishMachine(machine: Machine): void {
  machine.loadAtEnd = os.loadavg()[0];
  machine.finishedAt = new Date();
}
