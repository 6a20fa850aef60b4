/** Succeeds unless the event asks it to fail: its result goes to onSuccess, its failure to the queue. */
export const handler = async (event: { Success?: boolean }): Promise<{ message: string }> => {
  if (event.Success === false) throw new Error('Failure from event, Success = false, I am failing!');
  return { message: 'Success from event, Success = true' };
};
