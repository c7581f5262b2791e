"""Runs steps against the sample service with zeep's WS-Security UsernameToken, as an independent client.

Reads {"address", "ca", "steps": [...]} as JSON on stdin; each step names the operation, the credentials and,
for replay and freshness tests, a fixed nonce and created time. Prints one JSON object per step: the HTTP status
and the response body, which the test judges.
"""
import datetime
import json
import os
import sys
import tempfile

import requests
from zeep import Client, Settings
from zeep.transports import Transport
from zeep.wsse import utils
from zeep.wsse.username import UsernameToken

WSDL = """<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:duplexbus:samples" targetNamespace="urn:duplexbus:samples">
  <wsdl:types>
    <xs:schema targetNamespace="urn:duplexbus:samples" elementFormDefault="qualified">
      <xs:element name="AddItem"><xs:complexType><xs:sequence>
        <xs:element name="instanceId" type="xs:string"/><xs:element name="index" type="xs:int"/><xs:element name="value" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="GetStatus"><xs:complexType><xs:sequence>
        <xs:element name="instanceId" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="GetStatusResponse"><xs:complexType><xs:sequence>
        <xs:element name="GetStatusResult" type="xs:anyType" minOccurs="0"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="AddItem"><wsdl:part name="parameters" element="tns:AddItem"/></wsdl:message>
  <wsdl:message name="GetStatus"><wsdl:part name="parameters" element="tns:GetStatus"/></wsdl:message>
  <wsdl:message name="GetStatusResponse"><wsdl:part name="parameters" element="tns:GetStatusResponse"/></wsdl:message>
  <wsdl:portType name="WorkService">
    <wsdl:operation name="AddItem"><wsdl:input message="tns:AddItem"/></wsdl:operation>
    <wsdl:operation name="GetStatus"><wsdl:input message="tns:GetStatus"/><wsdl:output message="tns:GetStatusResponse"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="WorkServiceSoap" type="tns:WorkService">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <wsdl:operation name="AddItem"><soap:operation soapAction="urn:duplexbus:samples/WorkService/AddItem"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation>
    <wsdl:operation name="GetStatus"><soap:operation soapAction="urn:duplexbus:samples/WorkService/GetStatus"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="WorkService"><wsdl:port name="WorkServiceSoap" binding="tns:WorkServiceSoap">
    <soap:address location="https://127.0.0.1/services/token"/></wsdl:port></wsdl:service>
</wsdl:definitions>
"""


def timestamp(created):
    expires = created + datetime.timedelta(minutes=5)
    return utils.WSU.Timestamp(
        utils.WSU.Created(utils.get_timestamp(created, zulu_timestamp=True)),
        utils.WSU.Expires(utils.get_timestamp(expires, zulu_timestamp=True)),
    )


def main():
    request = json.load(sys.stdin)
    session = requests.Session()
    session.verify = request["ca"]
    # Only the test's CA, and no proxy: the environment must not override either.
    session.trust_env = False
    with tempfile.TemporaryDirectory() as folder:
        wsdl = os.path.join(folder, "work.wsdl")
        with open(wsdl, "w", encoding="utf-8") as f:
            f.write(WSDL)
        results = []
        for step in request["steps"]:
            now = datetime.datetime.utcnow()
            created = now - datetime.timedelta(seconds=step.get("age_seconds", 0))
            token = UsernameToken(
                step["user"],
                step["password"],
                use_digest=step.get("digest", False),
                nonce=step.get("nonce"),
                created=created,
                timestamp_token=timestamp(created),
                zulu_timestamp=True,
            )
            client = Client(wsdl, wsse=token, transport=Transport(session=session), settings=Settings(raw_response=True))
            service = client.create_service("{urn:duplexbus:samples}WorkServiceSoap", request["address"])
            if step["operation"] == "AddItem":
                response = service.AddItem(instanceId=step["instance"], index=step["index"], value="zeep")
            else:
                response = service.GetStatus(instanceId=step["instance"])
            results.append({"status": response.status_code, "body": response.text})
        json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
