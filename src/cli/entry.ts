/** The bundle entry of the `sitrep` bin. */
import { main } from './main.js';

// Until main() settles, the exit code says "internal error" and a timer holds the event loop:
// git readers unref their idle processes, and a drained loop must never look like success.
process.exitCode = 2;
const keepAlive = setInterval(() => {}, 1 << 30);
main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .finally(() => clearInterval(keepAlive));
