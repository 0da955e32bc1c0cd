// Preloaded into a child process (`NODE_OPTIONS=--import=<this file>`): its clock reads SHIFTED_CLOCK_MS
// ahead of the machine's and runs at the same pace, so a test reaches a cron slot minutes away in
// seconds without touching timers. Plain JavaScript: it loads before tsx is registered.
const offset = Number(process.env.SHIFTED_CLOCK_MS ?? 0);
const MachineDate = Date;

class ShiftedDate extends MachineDate {
  constructor(...args) {
    if (args.length === 0) super(MachineDate.now() + offset);
    else super(...args);
  }

  static now() {
    return MachineDate.now() + offset;
  }
}

globalThis.Date = ShiftedDate;
