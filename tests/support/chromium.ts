/**
 * How the system Chromium is launched, everywhere (tests and bench): never a downloaded browser,
 * and none of the background traffic the closed network here would refuse.
 */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
