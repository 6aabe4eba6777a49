import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (Linux): the
 * service's cost per feed poll and per item is its CPU over a phase divided by the polls and
 * items of that phase, a figure that holds on a machine shared with other jobs where wall-clock
 * throughput does not.
 */
export function processCpuSeconds(pid: number): number {
  return cpuSecondsOf(`/proc/${pid}/stat`);
}

/** The same for one thread of a process: its main thread (the event loop) unless `tid` names another. */
export function threadCpuSeconds(pid: number, tid = pid): number {
  return cpuSecondsOf(`/proc/${pid}/task/${tid}/stat`);
}

function cpuSecondsOf(statFile: string): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(statFile, 'utf8');
  // The command name (field 2) may hold spaces: the fields counted here start after its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return (utime + stime) / ticksPerSecond;
}
