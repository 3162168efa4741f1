"""aioboto3 is boto3's asyncio twin: its session's clients are named by their literal service as boto3's are."""

from __future__ import annotations


def test_an_aioboto3_client_is_the_service_it_names(scan_snippet) -> None:
    result = scan_snippet(
        """
        import aioboto3

        async def chat(model_id, messages):
            session = aioboto3.Session()
            async with session.client("bedrock-runtime") as client:
                return await client.converse(modelId=model_id, messages=messages)

        async def upload(key, body):
            async with aioboto3.Session().client("s3") as s3:
                await s3.put_object(Bucket="b", Key=key, Body=body)
        """
    )
    assert {(u.service, u.location.line) for u in result.services if u.signal == "call"} >= {
        ("aws_bedrock", 6), ("aws_bedrock", 7), ("aws_s3", 10)}
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.content.private", "aws_bedrock", 7)}


def test_an_aioboto3_session_alone_names_no_service(scan_snippet) -> None:
    result = scan_snippet(
        """
        import aioboto3

        def make_session(key_id, secret):
            return aioboto3.Session(aws_access_key_id=key_id, aws_secret_access_key=secret)
        """
    )
    assert result.services == [] and result.flows == []
