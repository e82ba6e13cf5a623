/** A stored file as storage hands it back. */
export interface StoredBlob {
  body: ReadableStream<Uint8Array> | Uint8Array;
  size: number;
}

/**
 * Where attachments' bytes live: R2 on Workers (a binding), a local directory on Node. The
 * entry that knows its runtime passes one in through `AppDeps`; keys are made by the server
 * (`<site>/<ticket>/<attachment>`), never by clients.
 */
export interface BlobStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredBlob | null>;
  delete(key: string): Promise<void>;
}
