import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../generated/resources.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export interface Order {
  id: string;
  customerId: string;
  total: number;
  status: string;
}

export class InvalidOrder extends Error {
  override name = 'InvalidOrder';
}

/** Task ValidateOrder of process-order: the order must exist, be PLACED and cost something. */
export const handler = async (input: Order): Promise<Order> => {
  const { Item } = await db.send(new GetCommand({ TableName: resources.tables.orders.name, Key: { id: input.id } }));
  if (!Item) throw new InvalidOrder(`order ${input.id} does not exist`);
  if (Item.status !== 'PLACED') throw new InvalidOrder(`order ${input.id} is ${Item.status}`);
  if (!(Item.total > 0)) throw new InvalidOrder(`order ${input.id} has no total`);
  return Item as Order;
};
