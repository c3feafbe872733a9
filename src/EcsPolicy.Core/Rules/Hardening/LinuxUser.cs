using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>What a container's <c>user</c> says about running as root.</summary>
internal enum UserKind
{
    /// <summary>The value is not statically known.</summary>
    NotKnown,

    /// <summary>No user (absent or empty): the image's USER applies, which is root unless the image sets another.</summary>
    Unset,

    /// <summary>User 0 or root, with or without a group (<c>0</c>, <c>root</c>, <c>0:*</c>, <c>root:*</c>).</summary>
    Root,

    /// <summary>
    /// Another user. A non-root user with group 0 (<c>1000:0</c>) counts here: UID 0 is what carries root's
    /// privileges, group 0 only grants group access to files owned by group root.
    /// </summary>
    NonRoot,
}

/// <summary>Reads the <c>user</c> parameter (<c>user</c>, <c>user:group</c>, <c>uid</c>, <c>uid:gid</c>, <c>user:gid</c>, <c>uid:group</c>).</summary>
internal static class LinuxUser
{
    public static UserKind Classify(Val<string> user)
    {
        if (user.IsUnknown)
        {
            return UserKind.NotKnown;
        }

        var text = user.IsKnown ? user.Value.Trim() : "";
        if (text.Length == 0)
        {
            return UserKind.Unset;
        }

        var colon = text.IndexOf(':');
        var name = (colon >= 0 ? text.Substring(0, colon) : text).Trim();
        return IsRootName(name) ? UserKind.Root : UserKind.NonRoot;
    }

    private static bool IsRootName(string name)
    {
        if (name == "root")
        {
            return true;
        }

        // A UID of zero, however many digits are written ("0", "00").
        return name.Length > 0 && name.All(c => c == '0');
    }
}
