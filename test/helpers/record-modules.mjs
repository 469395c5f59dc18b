// Preloaded with --import: appends the URL of every module the process loads to
// $OAR_MODULE_LOG, so a test can prove which packages a command pulls in.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const log = process.env.OAR_MODULE_LOG;
if (log) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
}
