import { CoastguardError, ExitCode } from '../../core/errors.js';

/** A feed file that is not what its format promises: what is wrong, and the file (and record). */
export class FeedError extends CoastguardError {
  constructor(what: string, where: string, cause?: unknown) {
    super(what, where, ExitCode.INPUT, { cause });
    this.name = 'FeedError';
  }
}
