/**
 * Protobuf request bodies ({@code application/vnd.kubernetes.protobuf}), read generically from the
 * descriptors of Kubernetes' published {@code generated.proto} files (compiled to Java in
 * client-java-proto) and turned into the JSON tree the rest of the server works on.
 *
 * <p>{@code ProtoCatalog} finds a kind's message descriptor by group, version and kind;
 * {@code ProtoJson} turns a decoded message into JSON as the kind's JSON form has it (the few
 * apimachinery types with a JSON form of their own handled once: IntOrString, Quantity, Time,
 * MicroTime, Duration, RawExtension, FieldsV1, a CRD's JSON schema types; bytes as base64), with
 * {@code GoFields} holding what Go's JSON tags say and the .proto files do not (embedded structs,
 * pointer fields whose zero is a choice); {@code ProtobufDecoder} reads the
 * {@code k8s\0} envelope ({@code runtime.Unknown}). Nothing here knows a kind by hand.
 *
 * <p>Threading: everything is immutable after construction and safe to share.
 */
package io.everynode.apiserver.protobuf;
