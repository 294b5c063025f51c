import { SECRET_ENV } from './cli-options.js';
import {
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_SECONDS,
} from './send-with-retries.js';
import { DEFAULT_SITE } from './target-names.js';

/** Text that `--help` prints: every command and option with units and defaults. */
export const HELP_TEXT = `\
Usage:
  static-deploy deploy --url URL (--path DIR | --archive FILE) [options]
  static-deploy releases --url URL [--json] [options]
  static-deploy rollback --url URL [--to RELEASE] [--json] [options]
  static-deploy activate RELEASE --url URL [--json] [options]

Deploys a built static site to a static-deploy receiver and manages the
releases that the receiver keeps. Every request is signed with HMAC-SHA256.

Commands:
  deploy      pack a site folder into a zip archive (or take a prebuilt one),
              upload it as a new release and make that release live
  releases    list the kept releases, newest first, with their state
  rollback    make the newest release older than the live one live again,
              skipping staged releases that never went live
  activate    make the kept release RELEASE live

Options for every command:
  --url URL              receiver API prefix, for example
                         https://example.com/_static-deploy (required)
  --site NAME            site name on the receiver (default: ${DEFAULT_SITE});
                         activate signs the release id instead and ignores it
  --timeout-seconds N    limit for each request attempt, in seconds
                         (default: ${DEFAULT_TIMEOUT_SECONDS})
  --retries N            retries after a failed attempt, with backoff
                         (default: ${DEFAULT_RETRIES})

Options for deploy:
  --path DIR             site folder to pack; .git is always left out
  --archive FILE         send a zip archive built elsewhere instead of --path
  --exclude GLOB         leave out paths matching GLOB, relative to DIR; repeat
                         for several globs; use **/ to match at any depth
  --no-activate          stage the release: upload and unpack it but keep the
                         live release; make it live later with activate
  --dry-run              pack and sign, print the deployment id and archive
                         size, and send nothing
  --message TEXT         note stored with the release, such as a change summary

Options for releases, rollback and activate:
  --json                 print the receiver's JSON response instead of text

Options for rollback:
  --to RELEASE           make RELEASE live instead of the release just older
                         than the live one; it must be in the list that
                         releases prints

Other options:
  -h, --help             print this help and exit
  --version              print the version and exit

Output of releases: one line per release with its state (live, or staged
for a release that never went live), the release id, the creation time (ISO 8601, UTC), the number of files, the
unpacked size in binary units (such as 17.9 MiB), the first 12 characters
of the commit, and the message or Git ref stored with the release.

Environment:
  ${SECRET_ENV}   shared secret of the receiver, at least 32 bytes;
                         several secrets separated by commas while a key is
                         rotated. It is read only from the environment, never
                         from an option, so it stays out of shell history
                         and the process list.

Exit status: 0 on success, 1 when the command failed (the receiver rejected
a request or could not be reached, packing failed, or no release qualifies
for a rollback), 2 for a usage error.
`;
