#!/usr/bin/python3
"""A client of shuyuan-server written without any generated stub.

It discovers the services by gRPC server reflection alone, builds the
message classes from the descriptors the server sends, validates a record,
decodes a citizen ID and reads the standard health status. It shows that a
department system in any language with a gRPC library can call shuyuan.

Usage: reflection_client.py HOST:PORT
Prints one line per check; exits 0 when all pass, 1 otherwise.
Needs only Debian's python3-grpcio and python3-protobuf.
"""
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool

try:  # protobuf >= 4
    from google.protobuf.message_factory import GetMessageClass
except ImportError:  # protobuf 3.x (Debian 12)
    from google.protobuf import message_factory as _mf

    _FACTORY = _mf.MessageFactory()

    def GetMessageClass(descriptor):
        return _FACTORY.GetPrototype(descriptor)


def _message(file_proto, name, fields):
    """Adds message `name` with (name, number, type, label, type_name)."""
    msg = file_proto.message_type.add(name=name)
    for fname, number, ftype, label, type_name, oneof in fields:
        f = msg.field.add(name=fname, number=number, type=ftype, label=label)
        if type_name:
            f.type_name = type_name
        if oneof is not None:
            f.oneof_index = oneof
    return msg


def reflection_pool():
    """The messages of grpc.reflection.v1alpha, written from the protocol's
    public definition (field numbers as in reflection.proto)."""
    F = descriptor_pb2.FieldDescriptorProto
    S, B, M, I = F.TYPE_STRING, F.TYPE_BYTES, F.TYPE_MESSAGE, F.TYPE_INT32
    OPT, REP = F.LABEL_OPTIONAL, F.LABEL_REPEATED
    p = descriptor_pb2.FileDescriptorProto(
        name="shuyuan_interop/reflection.proto",
        package="grpc.reflection.v1alpha", syntax="proto3")
    req = _message(p, "ServerReflectionRequest", [
        ("host", 1, S, OPT, None, None),
        ("file_by_filename", 3, S, OPT, None, 0),
        ("file_containing_symbol", 4, S, OPT, None, 0),
        ("list_services", 7, S, OPT, None, 0)])
    req.oneof_decl.add(name="message_request")
    _message(p, "FileDescriptorResponse",
             [("file_descriptor_proto", 1, B, REP, None, None)])
    _message(p, "ServiceResponse", [("name", 1, S, OPT, None, None)])
    _message(p, "ListServiceResponse", [
        ("service", 1, M, REP,
         ".grpc.reflection.v1alpha.ServiceResponse", None)])
    _message(p, "ErrorResponse", [("error_code", 1, I, OPT, None, None),
                                  ("error_message", 2, S, OPT, None, None)])
    resp = _message(p, "ServerReflectionResponse", [
        ("valid_host", 1, S, OPT, None, None),
        ("file_descriptor_response", 4, M, OPT,
         ".grpc.reflection.v1alpha.FileDescriptorResponse", 0),
        ("list_services_response", 6, M, OPT,
         ".grpc.reflection.v1alpha.ListServiceResponse", 0),
        ("error_response", 7, M, OPT,
         ".grpc.reflection.v1alpha.ErrorResponse", 0)])
    resp.oneof_decl.add(name="message_response")
    # The standard health protocol (grpc.health.v1), likewise.
    h = descriptor_pb2.FileDescriptorProto(
        name="shuyuan_interop/health.proto", package="grpc.health.v1",
        syntax="proto3")
    _message(h, "HealthCheckRequest", [("service", 1, S, OPT, None, None)])
    _message(h, "HealthCheckResponse",
             [("status", 1, F.TYPE_INT32, OPT, None, None)])
    pool = descriptor_pool.DescriptorPool()
    pool.Add(p)
    pool.Add(h)
    return pool


class Reflector:
    def __init__(self, channel):
        self.pool = reflection_pool()
        cls = lambda n: GetMessageClass(self.pool.FindMessageTypeByName(n))
        self.Request = cls("grpc.reflection.v1alpha.ServerReflectionRequest")
        Response = cls("grpc.reflection.v1alpha.ServerReflectionResponse")
        self.call = channel.stream_stream(
            "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=Response.FromString)
        self.server_pool = descriptor_pool.DescriptorPool()
        self.added = set()

    def ask(self, **kwargs):
        responses = list(self.call(iter([self.Request(**kwargs)])))
        if responses[0].HasField("error_response"):
            raise RuntimeError(responses[0].error_response.error_message)
        return responses[0]

    def services(self):
        r = self.ask(list_services="")
        return [s.name for s in r.list_services_response.service]

    def load_symbol(self, symbol):
        r = self.ask(file_containing_symbol=symbol)
        files = [descriptor_pb2.FileDescriptorProto.FromString(b)
                 for b in r.file_descriptor_response.file_descriptor_proto]
        self._add(files)

    def _add(self, files):
        by_name = {f.name: f for f in files}

        def add(f):
            if f.name in self.added:
                return
            for dep in f.dependency:
                if dep in by_name:
                    add(by_name[dep])
                elif dep not in self.added:
                    r = self.ask(file_by_filename=dep)
                    self._add([descriptor_pb2.FileDescriptorProto.FromString(b)
                               for b in r.file_descriptor_response
                               .file_descriptor_proto])
            self.server_pool.Add(f)
            self.added.add(f.name)

        for f in files:
            add(f)

    def message(self, name):
        return GetMessageClass(self.server_pool.FindMessageTypeByName(name))

    def unary(self, channel, service, method):
        sd = self.server_pool.FindServiceByName(service)
        md = sd.methods_by_name[method]
        out = GetMessageClass(md.output_type)
        return channel.unary_unary(
            "/%s/%s" % (service, method),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=out.FromString)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    channel = grpc.insecure_channel(sys.argv[1])
    ok = True

    def check(name, condition, detail=""):
        nonlocal ok
        ok &= bool(condition)
        print("%s %s %s" % ("PASS" if condition else "FAIL", name, detail))

    reflector = Reflector(channel)
    services = reflector.services()
    check("reflection lists the services",
          {"shuyuan.v1.CodecService", "shuyuan.v1.RegistryService",
           "grpc.health.v1.Health"} <= set(services), services)

    reflector.load_symbol("shuyuan.v1.CodecService")
    Request = reflector.message("shuyuan.v1.ValidateRecordRequest")
    request = Request(schema="NATURAL_PERSON_BASIC")
    for name, value in (("身份证号", "11010519491231002x"), ("xm", "张三")):
        field = request.record.fields.add()
        field.name = name
        field.value = value.encode("utf-8")
    validate = reflector.unary(channel, "shuyuan.v1.CodecService",
                               "ValidateRecord")
    response = validate(request, timeout=30)
    verdict = response.result.DESCRIPTOR.fields_by_name["verdict"] \
        .enum_type.values_by_number[response.result.verdict].name
    values = {v.name: v.value for v in response.result.values}
    check("ValidateRecord", verdict in ("VALID", "VALID_WITH_WARNINGS")
          and values.get("gmsfhm") == "11010519491231002X"
          and response.schema_ref.startswith("NATURAL_PERSON_BASIC@"),
          "%s %s" % (verdict, response.schema_ref))

    Decode = reflector.message("shuyuan.v1.DecodeValueRequest")
    decode = reflector.unary(channel, "shuyuan.v1.CodecService",
                             "DecodeValue")
    decoded = decode(Decode(element="GMSFHM", value="11010519491231002X"),
                     timeout=30)
    parts = {p.name: p.value for p in decoded.parts}
    check("DecodeValue", decoded.valid and parts.get("sex") == "2",
          str(parts))

    try:
        validate(Request(schema="NO_SUCH_SCHEMA"), timeout=30)
        check("unknown schema is NOT_FOUND", False)
    except grpc.RpcError as e:
        check("unknown schema is NOT_FOUND",
              e.code() == grpc.StatusCode.NOT_FOUND, e.details())

    HealthRequest = GetMessageClass(reflector.pool.FindMessageTypeByName(
        "grpc.health.v1.HealthCheckRequest"))
    HealthResponse = GetMessageClass(reflector.pool.FindMessageTypeByName(
        "grpc.health.v1.HealthCheckResponse"))
    health = channel.unary_unary(
        "/grpc.health.v1.Health/Check",
        request_serializer=lambda m: m.SerializeToString(),
        response_deserializer=HealthResponse.FromString)
    status = health(HealthRequest(service=""), timeout=30).status
    check("health is SERVING", status == 1, "status=%d" % status)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
