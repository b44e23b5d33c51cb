namespace StrimziGuard.Commands;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Denied = 1;
    public const int BadInput = 2;
}
