/** Receives Lambda's destination record of each successful invocation of `main`. */
export const handler = async (record: { requestContext: { condition: string }; responsePayload: unknown }): Promise<void> => {
  console.log(JSON.stringify({ condition: record.requestContext.condition, result: record.responsePayload }));
};
