import { InputError } from '../errors';

/**
 * Validates a manifest's `blobName` as a name inside the container and returns it. Rejects anything that could
 * resolve elsewhere: absolute paths, `.`/`..` segments, backslashes, empty segments, control characters, URLs.
 */
export function resolveBlobName(blobName: string, manifestName: string): string {
    const reject = (why: string) =>
        new InputError(
            'BlobOutsideContainer',
            `Manifest ${manifestName} lists part "${blobName.slice(0, 200)}", which ${why}; parts must be relative names inside the exports container.`,
        );
    if (blobName.length === 0 || blobName.length > 1024) throw reject('is empty or longer than 1024 characters');
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f\\]/.test(blobName)) throw reject('contains a control character or backslash');
    if (blobName.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(blobName)) throw reject('is absolute');
    const segments = blobName.split('/');
    if (segments.some((s) => s === '' || s === '.' || s === '..')) throw reject('has an empty, "." or ".." segment');
    return blobName;
}
