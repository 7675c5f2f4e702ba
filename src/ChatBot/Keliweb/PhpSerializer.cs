using System.Globalization;
using System.Text;

namespace ChatBot.Keliweb;

/// <summary>
/// PHP <c>serialize()</c> of an int-keyed array of strings: the <c>customfields</c> parameter of WHMCS-style calls
/// (<c>base64_encode(serialize([12 =&gt; "example.com"]))</c>).
/// </summary>
public static class PhpSerializer
{
    /// <summary>
    /// <c>a:2:{i:3;s:6:"città";i:12;s:2:"ok";}</c>. The <c>s:</c> length counts UTF-8 bytes, not characters:
    /// a character count makes <c>unserialize</c> fail and WHMCS then drops every custom field silently.
    /// </summary>
    public static string Serialize(IReadOnlyDictionary<int, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"a:{values.Count}:{{");
        // Sorted so the same fields always serialize to the same bytes (stable logs and tests).
        foreach (var (key, value) in values.OrderBy(pair => pair.Key))
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            text.Append(CultureInfo.InvariantCulture, $"i:{key};s:{Encoding.UTF8.GetByteCount(value)}:\"");
            // Serialized strings are length-delimited, so quotes, semicolons and braces inside need no escaping.
            text.Append(value).Append("\";");
        }

        return text.Append('}').ToString();
    }

    /// <summary>The <c>customfields</c> field value: base64 of the UTF-8 bytes of <see cref="Serialize"/>.</summary>
    public static string SerializeToBase64(IReadOnlyDictionary<int, string> values) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Serialize(values)));
}
