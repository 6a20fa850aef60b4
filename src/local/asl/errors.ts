// A Step Functions error: a name (matched by ErrorEquals) and a cause.
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = error;
  }

  /** States.Runtime and States.DataLimitExceeded end the execution: no Retry or Catch. */
  get terminal(): boolean {
    return this.error === 'States.Runtime' || this.error === 'States.DataLimitExceeded';
  }
}

export const runtimeError = (cause: string) => new StatesError('States.Runtime', cause);
