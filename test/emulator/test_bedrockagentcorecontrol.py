from support import StackTestCase

ROLE = "arn:aws:iam::123456789012:role/agent"
ARTIFACT = {"CodeConfiguration": {"Code": {"S3": {"Bucket": "artifacts", "Prefix": "agent.zip"}}, "Runtime": "PYTHON_3_12", "EntryPoint": ["main.py"]}}


def runtime(description: str = "v1") -> dict:
    return {
        "Type": "AWS::BedrockAgentCore::Runtime",
        "Properties": {
            "AgentRuntimeName": "support_agent",
            "AgentRuntimeArtifact": ARTIFACT,
            "RoleArn": ROLE,
            "NetworkConfiguration": {"NetworkMode": "PUBLIC"},
            "ProtocolConfiguration": "HTTP",
            "Description": description,
            "EnvironmentVariables": {"MEMORY_ID": "m"},
            "LifecycleConfiguration": {"IdleRuntimeSessionTimeout": "900", "MaxLifetime": "28800"},
        },
    }


ENDPOINT = {
    "Type": "AWS::BedrockAgentCore::RuntimeEndpoint",
    "Properties": {"AgentRuntimeId": {"Ref": "Runtime"}, "Name": "live", "AgentRuntimeVersion": {"Fn::GetAtt": ["Runtime", "AgentRuntimeVersion"]}},
}


def gateway(description: str = "tools") -> dict:
    return {
        "Type": "AWS::BedrockAgentCore::Gateway",
        "Properties": {
            "Name": "tools-gateway",
            "RoleArn": ROLE,
            "ProtocolType": "MCP",
            "AuthorizerType": "AWS_IAM",
            "Description": description,
            "ExceptionLevel": "DEBUG",
        },
    }


TARGET = {
    "Type": "AWS::BedrockAgentCore::GatewayTarget",
    "Properties": {
        "GatewayIdentifier": {"Ref": "Gateway"},
        "Name": "orders",
        "TargetConfiguration": {"Mcp": {"Lambda": {"LambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:orders", "ToolSchema": {"InlinePayload": []}}}},
        "CredentialProviderConfigurations": [{"CredentialProviderType": "GATEWAY_IAM_ROLE"}],
    },
}


def memory(expiry: str = "30") -> dict:
    return {
        "Type": "AWS::BedrockAgentCore::Memory",
        "Properties": {
            "Name": "support_memory",
            "EventExpiryDuration": expiry,
            "MemoryStrategies": [{"SemanticMemoryStrategy": {"Name": "facts", "Namespaces": ["/facts/{actorId}"]}}],
        },
    }


OUTPUTS = {
    "RuntimeRef": {"Value": {"Ref": "Runtime"}},
    "RuntimeArn": {"Value": {"Fn::GetAtt": ["Runtime", "AgentRuntimeArn"]}},
    "RuntimeVersion": {"Value": {"Fn::GetAtt": ["Runtime", "AgentRuntimeVersion"]}},
    "Identity": {"Value": {"Fn::GetAtt": ["Runtime", "WorkloadIdentityDetails.WorkloadIdentityArn"]}},
    "EndpointRef": {"Value": {"Ref": "Endpoint"}},
    "EndpointLive": {"Value": {"Fn::GetAtt": ["Endpoint", "LiveVersion"]}},
    "GatewayRef": {"Value": {"Ref": "Gateway"}},
    "GatewayUrl": {"Value": {"Fn::GetAtt": ["Gateway", "GatewayUrl"]}},
    "GatewayArn": {"Value": {"Fn::GetAtt": ["Gateway", "GatewayArn"]}},
    "TargetRef": {"Value": {"Ref": "Target"}},
    "TargetId": {"Value": {"Fn::GetAtt": ["Target", "TargetId"]}},
    "MemoryRef": {"Value": {"Ref": "Memory"}},
    "MemoryId": {"Value": {"Fn::GetAtt": ["Memory", "MemoryId"]}},
}


def stack(**changes: dict) -> dict:
    return {"Runtime": runtime(), "Endpoint": ENDPOINT, "Gateway": gateway(), "Target": TARGET, "Memory": memory(), **changes}


class AgentCoreTest(StackTestCase):
    def test_creates_runtime_endpoint_gateway_target_and_memory_with_the_templates_properties(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        ac = self.client("bedrock-agentcore-control")
        rt = ac.get_agent_runtime(agentRuntimeId=out["RuntimeRef"])
        self.assertEqual(rt["agentRuntimeArn"], out["RuntimeArn"])
        # As AWS forms them: the id is the name and 10 letters or digits, the ARN runtime/<id>, whatever the version.
        self.assertRegex(out["RuntimeRef"], r"^support_agent-[A-Za-z0-9]{10}$")
        self.assertEqual(out["RuntimeArn"], f"arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/{out['RuntimeRef']}")
        self.assertEqual(out["EndpointRef"], f"{out['RuntimeArn']}/runtime-endpoint/live")
        self.assertEqual(rt["roleArn"], ROLE)
        self.assertEqual(rt["protocolConfiguration"], {"serverProtocol": "HTTP"})
        self.assertEqual(rt["agentRuntimeArtifact"]["codeConfiguration"]["code"]["s3"]["bucket"], "artifacts")
        self.assertEqual(rt["lifecycleConfiguration"], {"idleRuntimeSessionTimeout": 900, "maxLifetime": 28800})
        self.assertEqual(rt["workloadIdentityDetails"]["workloadIdentityArn"], out["Identity"])
        [ep] = ac.list_agent_runtime_endpoints(agentRuntimeId=out["RuntimeRef"])["runtimeEndpoints"]
        self.assertEqual(ep["agentRuntimeEndpointArn"], out["EndpointRef"])
        self.assertEqual(ep["name"], "live")
        self.assertEqual(out["EndpointLive"], out["RuntimeVersion"])
        live = ac.get_agent_runtime_endpoint(agentRuntimeId=out["RuntimeRef"], endpointName="live")
        self.assertEqual(live["liveVersion"], out["RuntimeVersion"])
        gw = ac.get_gateway(gatewayIdentifier=out["GatewayRef"])
        self.assertEqual((gw["gatewayArn"], gw["gatewayUrl"]), (out["GatewayArn"], out["GatewayUrl"]))
        self.assertEqual((gw["authorizerType"], gw["protocolType"]), ("AWS_IAM", "MCP"))
        self.assertEqual(out["TargetRef"], f"{out['GatewayRef']}|{out['TargetId']}")
        target = ac.get_gateway_target(gatewayIdentifier=out["GatewayRef"], targetId=out["TargetId"])
        self.assertEqual(target["name"], "orders")
        self.assertEqual(target["credentialProviderConfigurations"], [{"credentialProviderType": "GATEWAY_IAM_ROLE"}])
        mem = ac.get_memory(memoryId=out["MemoryId"])["memory"]
        self.assertEqual(mem["arn"], out["MemoryRef"])
        self.assertEqual(mem["eventExpiryDuration"], 30)
        self.assertEqual([s["type"] for s in mem["strategies"]], ["SEMANTIC"])

    def test_updates_in_place(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        # The endpoint's description changes too: moto's CloudFormation layer updates only resources whose template
        # changed, not those whose GetAtt inputs changed (CloudFormation updates both).
        endpoint = {**ENDPOINT, "Properties": {**ENDPOINT["Properties"], "Description": "v2"}}
        out2 = self.update(stack(Runtime=runtime("v2"), Endpoint=endpoint, Gateway=gateway("tools v2"), Memory=memory("60")), OUTPUTS)
        ac = self.client("bedrock-agentcore-control")
        self.assertEqual((out2["RuntimeRef"], out2["GatewayRef"], out2["MemoryRef"]), (out["RuntimeRef"], out["GatewayRef"], out["MemoryRef"]))
        updated = ac.get_agent_runtime(agentRuntimeId=out["RuntimeRef"])
        self.assertEqual(updated["description"], "v2")
        # UpdateAgentRuntime publishes version 2 under the same ARN, and the endpoint pinned by GetAtt moves to it.
        self.assertEqual((updated["agentRuntimeVersion"], updated["agentRuntimeArn"]), ("2", out["RuntimeArn"]))
        self.assertEqual(out2["RuntimeVersion"], "2")
        live = ac.get_agent_runtime_endpoint(agentRuntimeId=out["RuntimeRef"], endpointName="live")
        self.assertEqual(live["targetVersion"], "2")
        self.assertEqual(ac.get_gateway(gatewayIdentifier=out["GatewayRef"])["description"], "tools v2")
        self.assertEqual(ac.get_memory(memoryId=out["MemoryId"])["memory"]["eventExpiryDuration"], 60)

    def test_deleting_the_stack_removes_everything(self) -> None:
        self.deploy(stack(), OUTPUTS)
        self.destroy()
        ac = self.client("bedrock-agentcore-control")
        self.assertEqual(ac.list_agent_runtimes()["agentRuntimes"], [])
        self.assertEqual(ac.list_gateways()["items"], [])
        self.assertEqual(ac.list_memories()["memories"], [])
