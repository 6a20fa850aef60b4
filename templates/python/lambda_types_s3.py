

# --- S3 object events, delivered by EventBridge (a bucket trigger) --------------------------

class S3EventBucket(TypedDict):
    name: str


S3EventObject = TypedDict(
    "S3EventObject",
    {"key": str, "size": NotRequired[int], "etag": NotRequired[str], "version-id": NotRequired[str], "sequencer": NotRequired[str]},
)

S3ObjectEventDetail = TypedDict(
    "S3ObjectEventDetail",
    {
        "version": str,
        "bucket": S3EventBucket,
        "object": S3EventObject,
        "request-id": str,
        "requester": str,
        "source-ip-address": NotRequired[str],
        "reason": NotRequired[str],
        "deletion-type": NotRequired[str],
    },
)


S3ObjectEvent = TypedDict(
    "S3ObjectEvent",
    {
        "version": str,
        "id": str,
        "detail-type": Literal["Object Created", "Object Deleted"],
        "source": Literal["aws.s3"],
        "account": str,
        "time": str,
        "region": str,
        "resources": list[str],
        "detail": S3ObjectEventDetail,
    },
)
"""An S3 "Object Created" or "Object Deleted" event, as EventBridge delivers it."""

__all__ += ["S3ObjectEvent", "S3ObjectEventDetail", "S3EventBucket", "S3EventObject"]
