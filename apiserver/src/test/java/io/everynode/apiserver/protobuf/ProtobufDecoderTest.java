package io.everynode.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import com.google.protobuf.UnknownFieldSet;
import io.everynode.api.json.Json;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Policy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Round trips: objects encoded with the protobuf library from the kinds' generated messages (as
 * client-go encodes them) decode into the JSON the kind has.
 */
class ProtobufDecoderTest {
    private final ProtobufDecoder decoder = new ProtobufDecoder(ProtoCatalog.kubernetes());

    /** The {@code k8s\0} prefix and a runtime.Unknown envelope around a message, as client-go writes them. */
    static byte[] envelope(String apiVersion, String kind, MessageLite object) {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(
                        Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString())
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        out.writeBytes(unknown.toByteArray());
        return out.toByteArray();
    }

    private static Meta.ObjectMeta.Builder meta(String name) {
        return Meta.ObjectMeta.newBuilder().setName(name);
    }

    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aConfigMapKeepsItsMapsAndEmptyLabelValuesAndDropsGoZeroStrings() {
        V1.ConfigMap cm = V1.ConfigMap.newBuilder()
                .setMetadata(meta("settings")
                        .setNamespace("logging")
                        .setGenerateName("")
                        .setResourceVersion("")
                        .putLabels("app", "shipper")
                        .putLabels("empty", "")
                        .setCreationTimestamp(Meta.Time.getDefaultInstance()))
                .putData("fluent-bit.conf", "[INPUT]\n")
                .setImmutable(false)
                .build();

        ObjectNode obj = decoder.decode(envelope("v1", "ConfigMap", cm));

        assertThat(obj)
                .isEqualTo(json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'settings','namespace':"
                        + "'logging','labels':{'app':'shipper','empty':''}},'data':{'fluent-bit.conf':'[INPUT]\\n'},"
                        + "'immutable':false}"));
    }

    @Test
    void aSecretsBytesBecomeBase64() {
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(meta("creds"))
                .setType("Opaque")
                .putData("token", ByteString.copyFrom(new byte[] {0, (byte) 0xff, 'a'}))
                .putStringData("user", "admin")
                .build();

        ObjectNode obj = decoder.decode(envelope("v1", "Secret", secret));

        assertThat(obj.get("data")).isEqualTo(json("{'token':'AP9h'}"));
        assertThat(obj.get("stringData")).isEqualTo(json("{'user':'admin'}"));
        assertThat(obj.get("type").stringValue()).isEqualTo("Opaque");
    }

    @Test
    void intOrStringBecomesANumberOrAStringAsItsTypeSays() {
        V1.Service svc = V1.Service.newBuilder()
                .setMetadata(meta("web"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .addPorts(V1.ServicePort.newBuilder()
                                .setName("http")
                                .setPort(80)
                                .setTargetPort(
                                        IntOrString.newBuilder().setType(0).setIntVal(8080)))
                        .addPorts(V1.ServicePort.newBuilder()
                                .setName("metrics")
                                .setPort(9100)
                                .setTargetPort(
                                        IntOrString.newBuilder().setType(1).setStrVal("metrics"))))
                .build();

        ObjectNode obj = decoder.decode(envelope("v1", "Service", svc));

        assertThat(obj.at("/spec/ports/0/targetPort")).isEqualTo(json("8080"));
        assertThat(obj.at("/spec/ports/1/targetPort").stringValue()).isEqualTo("metrics");
    }

    @Test
    void quantitiesAreTheirStringsAndTimesAreRfc3339() {
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(meta("p")
                        .setDeletionTimestamp(Meta.Time.newBuilder()
                                .setSeconds(1_700_000_000L)
                                .setNanos(0)))
                .setSpec(V1.PodSpec.newBuilder()
                        .addContainers(V1.Container.newBuilder()
                                .setName("c")
                                .setImage("busybox")
                                .setResources(V1.ResourceRequirements.newBuilder()
                                        .putLimits(
                                                "memory",
                                                Quantity.newBuilder()
                                                        .setString("128Mi")
                                                        .build())
                                        .putRequests(
                                                "cpu",
                                                Quantity.newBuilder()
                                                        .setString("100m")
                                                        .build()))))
                .build();

        ObjectNode obj = decoder.decode(envelope("v1", "Pod", pod));

        assertThat(obj.at("/metadata/deletionTimestamp").stringValue()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(obj.at("/spec/containers/0/resources"))
                .isEqualTo(json("{'limits':{'memory':'128Mi'},'requests':{'cpu':'100m'}}"));
    }

    @Test
    void microTimeKeepsMicroseconds() {
        V1.Event event = V1.Event.newBuilder()
                .setMetadata(meta("e"))
                .setEventTime(
                        Meta.MicroTime.newBuilder().setSeconds(1_700_000_000L).setNanos(123_456_000))
                .build();

        ObjectNode obj = decoder.decode(envelope("v1", "Event", event));

        assertThat(obj.get("eventTime").stringValue()).isEqualTo("2023-11-14T22:13:20.123456Z");
    }

    @Test
    void aZeroThatWasSentStaysAndAFieldThatWasNotStaysAbsent() {
        V1Apps.Deployment zero = V1Apps.Deployment.newBuilder()
                .setMetadata(meta("d"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(0))
                .build();
        V1Apps.Deployment unset = V1Apps.Deployment.newBuilder()
                .setMetadata(meta("d"))
                .setSpec(V1Apps.DeploymentSpec.getDefaultInstance())
                .build();

        assertThat(decoder.decode(envelope("apps/v1", "Deployment", zero)).at("/spec/replicas"))
                .isEqualTo(json("0"));
        assertThat(decoder.decode(envelope("apps/v1", "Deployment", unset)).get("spec"))
                .isEqualTo(json("{}"));
    }

    @Test
    void goZerosAreLeftOutUnlessTheFieldIsAPointerWhoseZeroIsAChoice() {
        V1.Service svc = V1.Service.newBuilder()
                .setMetadata(meta("edge").setGeneration(0).setUid(""))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .setType("NodePort")
                        .setHealthCheckNodePort(0)
                        .setPublishNotReadyAddresses(false)
                        .addPorts(V1.ServicePort.newBuilder().setPort(443).setNodePort(0)))
                .build();
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(meta("p"))
                .setSpec(V1.PodSpec.newBuilder()
                        .setHostNetwork(false)
                        .setAutomountServiceAccountToken(false)
                        .addTolerations(V1.Toleration.newBuilder()
                                .setKey("node-role.kubernetes.io/control-plane")
                                .setOperator("Exists")
                                .setValue(""))
                        .addContainers(V1.Container.newBuilder()
                                .setName("c")
                                .setStdin(false)
                                .setSecurityContext(V1.SecurityContext.newBuilder()
                                        .setRunAsUser(0)
                                        .setAllowPrivilegeEscalation(false))))
                .build();

        assertThat(decoder.decode(envelope("v1", "Service", svc)))
                .isEqualTo(json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'edge'},"
                        + "'spec':{'type':'NodePort','ports':[{'port':443}]}}"));
        assertThat(Json.same(
                        decoder.decode(envelope("v1", "Pod", pod)).get("spec"),
                        json("{'automountServiceAccountToken':false,'containers':[{'name':'c','securityContext':"
                                + "{'runAsUser':0,'allowPrivilegeEscalation':false}}],'tolerations':[{'key':"
                                + "'node-role.kubernetes.io/control-plane','operator':'Exists'}]}")))
                .isTrue();
    }

    @Test
    void embeddedGoStructsAreMergedIntoTheirParent() {
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(meta("p"))
                .setSpec(V1.PodSpec.newBuilder()
                        .addVolumes(V1.Volume.newBuilder()
                                .setName("host")
                                .setVolumeSource(V1.VolumeSource.newBuilder()
                                        .setHostPath(V1.HostPathVolumeSource.newBuilder()
                                                .setPath("/"))))
                        .addVolumes(V1.Volume.newBuilder()
                                .setName("conf")
                                .setVolumeSource(V1.VolumeSource.newBuilder()
                                        .setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder()
                                                        .setName("settings"))))))
                .build();

        assertThat(decoder.decode(envelope("v1", "Pod", pod)).at("/spec/volumes"))
                .isEqualTo(json("[{'name':'host','hostPath':{'path':'/'}},"
                        + "{'name':'conf','configMap':{'name':'settings'}}]"));
    }

    @Test
    void aCustomResourceDefinitionsSchemaHasItsJsonSchemaNames() {
        V1Apiextensions.JSONSchemaProps string =
                V1Apiextensions.JSONSchemaProps.newBuilder().setType("string").build();
        V1Apiextensions.JSONSchemaProps schema = V1Apiextensions.JSONSchemaProps.newBuilder()
                .setType("object")
                .putProperties(
                        "spec",
                        V1Apiextensions.JSONSchemaProps.newBuilder()
                                .setType("object")
                                .setXKubernetesPreserveUnknownFields(true)
                                .build())
                .putProperties(
                        "replicas",
                        V1Apiextensions.JSONSchemaProps.newBuilder()
                                .setType("integer")
                                .setMinimum(0)
                                .setNullable(false)
                                .setDefault(V1Apiextensions.JSON.newBuilder().setRaw(ByteString.copyFromUtf8("1")))
                                .build())
                .putProperties(
                        "tags",
                        V1Apiextensions.JSONSchemaProps.newBuilder()
                                .setType("array")
                                .setXKubernetesListType("set")
                                .setItems(V1Apiextensions.JSONSchemaPropsOrArray.newBuilder()
                                        .setSchema(string))
                                .build())
                .putProperties(
                        "labels",
                        V1Apiextensions.JSONSchemaProps.newBuilder()
                                .setType("object")
                                .setAdditionalProperties(V1Apiextensions.JSONSchemaPropsOrBool.newBuilder()
                                        .setSchema(string))
                                .build())
                .putProperties(
                        "closed",
                        V1Apiextensions.JSONSchemaProps.newBuilder()
                                .setType("object")
                                .setAdditionalProperties(V1Apiextensions.JSONSchemaPropsOrBool.newBuilder()
                                        .setAllows(false))
                                .build())
                .build();
        V1Apiextensions.CustomResourceDefinition crd = V1Apiextensions.CustomResourceDefinition.newBuilder()
                .setMetadata(meta("widgets.example.com"))
                .setSpec(V1Apiextensions.CustomResourceDefinitionSpec.newBuilder()
                        .setGroup("example.com")
                        .setScope("Namespaced")
                        .setNames(V1Apiextensions.CustomResourceDefinitionNames.newBuilder()
                                .setPlural("widgets")
                                .setKind("Widget"))
                        .addVersions(V1Apiextensions.CustomResourceDefinitionVersion.newBuilder()
                                .setName("v1")
                                .setServed(true)
                                .setStorage(true)
                                .setSchema(V1Apiextensions.CustomResourceValidation.newBuilder()
                                        .setOpenAPIV3Schema(schema))))
                .build();

        ObjectNode obj = decoder.decode(envelope("apiextensions.k8s.io/v1", "CustomResourceDefinition", crd));

        assertThat(Json.same(
                        obj.at("/spec/versions/0/schema/openAPIV3Schema"),
                        json("{'type':'object','properties':{"
                                + "'spec':{'type':'object','x-kubernetes-preserve-unknown-fields':true},"
                                + "'replicas':{'type':'integer','minimum':0,'default':1},"
                                + "'tags':{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}},"
                                + "'labels':{'type':'object','additionalProperties':{'type':'string'}},"
                                + "'closed':{'type':'object','additionalProperties':false}}}")))
                .as(obj.toString())
                .isTrue();
        assertThat(obj.at("/spec/versions/0/served").asBoolean()).isTrue();
    }

    @Test
    void aRawExtensionIsTheJsonItCarries() {
        V1Apps.ControllerRevision rev = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(meta("r"))
                .setData(Runtime.RawExtension.newBuilder()
                        .setRaw(ByteString.copyFromUtf8("{\"spec\":{\"template\":{}}}")))
                .setRevision(2)
                .build();

        ObjectNode obj = decoder.decode(envelope("apps/v1", "ControllerRevision", rev));

        assertThat(obj.get("data")).isEqualTo(json("{'spec':{'template':{}}}"));
        assertThat(obj.get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void deleteOptionsOfAnyGroupVersionAreMetaV1s() {
        Meta.DeleteOptions opts = Meta.DeleteOptions.newBuilder()
                .setGracePeriodSeconds(0)
                .setPropagationPolicy("Foreground")
                .build();

        ObjectNode obj = decoder.decode(envelope("v1", "DeleteOptions", opts));

        assertThat(Json.same(
                        obj,
                        json("{'apiVersion':'v1','kind':'DeleteOptions','gracePeriodSeconds':0,"
                                + "'propagationPolicy':'Foreground'}")))
                .as(obj.toString())
                .isTrue();
    }

    @Test
    void aPdbsPercentageStaysAString() {
        V1Policy.PodDisruptionBudget pdb = V1Policy.PodDisruptionBudget.newBuilder()
                .setMetadata(meta("pdb"))
                .setSpec(V1Policy.PodDisruptionBudgetSpec.newBuilder()
                        .setMinAvailable(IntOrString.newBuilder().setType(1).setStrVal("50%"))
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web")))
                .build();

        ObjectNode obj = decoder.decode(envelope("policy/v1", "PodDisruptionBudget", pdb));

        assertThat(obj.get("spec")).isEqualTo(json("{'minAvailable':'50%','selector':{'matchLabels':{'app':'web'}}}"));
    }

    @Test
    void aFieldTheDescriptorDoesNotKnowIsRefusedRatherThanDropped() {
        V1.ConfigMap cm = V1.ConfigMap.newBuilder()
                .setMetadata(meta("settings"))
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(
                                99,
                                UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                        .build())
                .build();

        assertThatThrownBy(() -> decoder.decode(envelope("v1", "ConfigMap", cm)))
                .isInstanceOf(ProtobufException.class)
                .hasMessageContaining("field number 99 of k8s.io.api.core.v1.ConfigMap")
                .satisfies(
                        e -> assertThat(((ProtobufException) e).unsupported()).isTrue());
    }

    @Test
    void aKindWithoutADescriptorIsUnsupportedAndGarbageIsMalformed() {
        assertThatThrownBy(() -> decoder.decode(
                        envelope("discovery.k8s.io/v1", "EndpointSlice", V1.ConfigMap.getDefaultInstance())))
                .isInstanceOf(ProtobufException.class)
                .hasMessageContaining("EndpointSlice (discovery.k8s.io/v1) are not supported")
                .satisfies(
                        e -> assertThat(((ProtobufException) e).unsupported()).isTrue());
        assertThatThrownBy(() -> decoder.decode(new byte[] {'k', '8', 's', 0, 0x0a, 0x7f}))
                .isInstanceOf(ProtobufException.class)
                .satisfies(
                        e -> assertThat(((ProtobufException) e).unsupported()).isFalse());
        assertThatThrownBy(() -> decoder.decode("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtobufException.class)
                .hasMessageContaining("k8s\\0 prefix");
    }
}
