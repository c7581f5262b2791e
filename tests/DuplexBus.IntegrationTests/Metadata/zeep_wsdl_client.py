"""zeep (Debian's python3-zeep) as an independent client of the WSDL DuplexBus serves.

Reads {"wsdl", "service", "id"} as JSON on stdin, builds its client from the WSDL alone, calls every operation of
that sample service and prints what came back as JSON for the test to judge.
"""
import decimal
import json
import sys
import time

from zeep import Client
from zeep.exceptions import Fault
from zeep.helpers import serialize_object


def poll(call, done):
    deadline = time.monotonic() + 20
    while True:
        last = call()
        if done(last) or time.monotonic() > deadline:
            return last
        time.sleep(0.2)


def plain(value):
    return json.loads(json.dumps(serialize_object(value), default=str))


def work(client, id):
    one_way = [
        client.service.StartWork(instanceId=id, steps=2),
        client.service.AddItem(instanceId=id, index=0, value="first"),
        client.service.AddItem(instanceId=id, index=1, value="second"),
    ]
    status = poll(lambda: client.service.GetStatus(instanceId=id), lambda s: s is not None and s.ItemCount >= 2)
    return {"oneWayResults": one_way, "status": plain(status)}


def forget_context(client):
    # zeep keeps the context-exchange cookie an answer set (WscContext), and a call that carries a context goes to
    # that instance whatever its body says, as in WCF: a call about another order must not carry the last one's.
    client.transport.session.cookies.clear()


def orders(client, id, cancel_id):
    not_found = None
    try:
        client.service.GetOrder(orderId=id)
    except Fault as fault:
        not_found = {"message": fault.message, "detail": [child.tag for child in (fault.detail if fault.detail is not None else [])]}

    order_type = client.get_type("{urn:duplexbus:samples:orders}Order")
    order = order_type(
        Customer={"Name": "Ada <zeep>", "ShipTo": {"Street": "1 Loop Road", "City": "Basel", "Country": "CH"}},
        Lines={"OrderLine": [
            {"Sku": "Z-1", "Quantity": 2, "UnitPrice": decimal.Decimal("3.50")},
            {"Sku": "Z-2", "Quantity": 1, "UnitPrice": decimal.Decimal("10")},
        ]},
        Priority="Express",
        Discount=decimal.Decimal("1.25"),
    )
    client.service.PlaceOrder(orderId=id, order=order)

    def get(order_id):
        forget_context(client)
        try:
            return client.service.GetOrder(orderId=order_id)
        except Fault:
            return None

    placed = poll(lambda: get(id), lambda s: s is not None)
    # An order cancelled before it was placed: the sample ships placed orders at once, and ignores a late cancellation.
    forget_context(client)
    client.service.CancelOrder(orderId=cancel_id, reason="changed my mind")
    cancelled = poll(lambda: get(cancel_id), lambda s: s is not None and s.Status == "Cancelled")
    return {"notFound": not_found, "placed": plain(placed), "cancelled": plain(cancelled)}


def main():
    request = json.load(sys.stdin)
    client = Client(request["wsdl"])
    result = work(client, request["id"]) if request["service"] == "work" else orders(client, request["id"], request["cancelId"])
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
