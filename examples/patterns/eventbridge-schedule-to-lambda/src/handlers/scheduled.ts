// Runs every five minutes, as the pattern's function does; EventBridge Scheduler passes the
// schedule's input ({} here).
export const handler = async (event: unknown): Promise<void> => {
  console.log('Triggered', JSON.stringify(event));
};
