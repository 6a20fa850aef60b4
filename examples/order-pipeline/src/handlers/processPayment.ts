import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { resources } from '../generated/resources.js';
import type { Order } from './validateOrder.js';

const sqs = new SQSClient({});

/** The card limit of the demo payment provider. */
const LIMIT = 1000;

/** Task ProcessPayment: approves orders up to the limit and queues the payment for settlement. */
export const handler = async (order: Order): Promise<Order & { paymentSuccess: boolean; paymentId?: string }> => {
  if (order.total > LIMIT) return { ...order, paymentSuccess: false };
  const paymentId = `pay-${order.id}`;
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: resources.queues.payments.url,
      MessageBody: JSON.stringify({ paymentId, orderId: order.id, amount: order.total }),
    }),
  );
  return { ...order, paymentSuccess: true, paymentId };
};
