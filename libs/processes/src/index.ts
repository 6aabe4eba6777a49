export * from './bil-timer/bil-timer.process';
export * from './bil-timer/due-timers.projection';
export * from './duplicates/possible-duplicates.process';
export * from './intake/intake-numbering.process';
export * from './nest/processes.module';
export * from './over-cap/over-cap-sweep.process';
export * from './scheduler/scheduler';
export * from './system-dispatch';
