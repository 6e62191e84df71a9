// The peak resident memory of this process, in kB, counted from its own start.
//
// process.resourceUsage().maxRSS is not that for a child process: Linux keeps the resource counters
// across execve(2), so a process forked from the bench runner starts with the runner's RSS at the
// moment of the fork as its "maximum" (a child that never grows past 45 MB reported 619 MB when its
// parent held 660 MB). The bots are forked one after another while the runner grows, so each got a
// different floor that had nothing to do with its own memory. /proc/self/status's VmHWM is the
// high-water mark of this process's own address space, which exec(2) makes new; elsewhere than on
// Linux, maxRSS is the best there is (macOS's posix_spawn does not carry it over).

import { readFileSync } from 'node:fs';

export function peakRssKb(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Number(match[1]);
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}
