// Preloaded (`node --import`) by the history e2e tests: the CLI's clock starts at FAKE_NOW (ISO)
// and runs on from there, so nightly runs can be replayed in seconds.
const start = Date.parse(process.env.FAKE_NOW ?? '');
if (!Number.isNaN(start)) {
  const RealDate = Date;
  const offset = start - RealDate.now();
  class FakeDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = FakeDate;
}
