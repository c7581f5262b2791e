// node-soap as an independent client of the WSDL DuplexBus serves: reads {"wsdl", "service", "id"} as JSON on
// stdin, loads the WSDL, calls every operation of that sample service and prints what came back as JSON.
'use strict';
const soap = require('soap');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll(call, done) {
  const deadline = Date.now() + 20000;
  let last;
  for (;;) {
    last = await call();
    if (done(last) || Date.now() > deadline) return last;
    await sleep(200);
  }
}

function faultOf(error) {
  const fault = error && error.root && error.root.Envelope && error.root.Envelope.Body && error.root.Envelope.Body.Fault;
  if (!fault) throw error;
  return fault;
}

async function work(client, id) {
  const oneWay = [];
  oneWay.push(await client.StartWorkAsync({ instanceId: id, steps: 2 }));
  oneWay.push(await client.AddItemAsync({ instanceId: id, index: 0, value: 'first' }));
  oneWay.push(await client.AddItemAsync({ instanceId: id, index: 1, value: 'second' }));
  const status = await poll(
    async () => (await client.GetStatusAsync({ instanceId: id }))[0].GetStatusResult,
    (s) => s && Number(s.ItemCount) >= 2);
  return { oneWayResults: oneWay.map((r) => (r[0] === null || r[0] === undefined ? null : r[0])), status };
}

async function orders(client, id, cancelId) {
  let notFound;
  try {
    await client.GetOrderAsync({ orderId: id });
  } catch (error) {
    notFound = faultOf(error);
  }
  await client.PlaceOrderAsync({
    orderId: id,
    order: {
      Customer: { Name: 'Ada <node>', ShipTo: { Street: '1 Loop Road', City: 'Basel', Country: 'CH' } },
      Lines: { OrderLine: [{ Sku: 'N-1', Quantity: 2, UnitPrice: '3.50' }, { Sku: 'N-2', Quantity: 1, UnitPrice: '10' }] },
      Priority: 'Express',
      Discount: '1.25',
    },
  });
  const placed = await poll(async () => {
    try {
      return (await client.GetOrderAsync({ orderId: id }))[0].GetOrderResult;
    } catch (error) {
      faultOf(error);
      return null;
    }
  }, (s) => s !== null);
  // An order cancelled before it was placed: the sample ships placed orders at once, and ignores a late cancellation.
  await client.CancelOrderAsync({ orderId: cancelId, reason: 'changed my mind' });
  const cancelled = await poll(async () => {
    try {
      return (await client.GetOrderAsync({ orderId: cancelId }))[0].GetOrderResult;
    } catch (error) {
      faultOf(error);
      return null;
    }
  }, (s) => s !== null && s.Status === 'Cancelled');
  return { notFound, placed, cancelled };
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const request = JSON.parse(input);
  const client = await soap.createClientAsync(request.wsdl);
  const result = request.service === 'work' ? await work(client, request.id) : await orders(client, request.id, request.cancelId);
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  if (error && error.body) process.stderr.write(String(error.body) + '\n');
  process.exit(1);
});
