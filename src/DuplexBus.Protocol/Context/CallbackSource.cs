namespace DuplexBus.Protocol.Context;

/// <summary>Which part of the request named the callback address.</summary>
public enum CallbackSource
{
    CallbackContext,
    ReplyTo,
}
