using Jint;
using Jint.Native;
using Jint.Native.Object;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Expressions;

/// <summary>Converts between variable values and pure JavaScript values (never CLR wrappers).</summary>
internal static class JsValues
{
    public static JsValue ToJs(Jint.Engine engine, object? value) => value switch
    {
        null => JsValue.Null,
        bool b => b ? JsBoolean.True : JsBoolean.False,
        double d => JsNumber.Create(d),

        // JavaScript has one number type. The nearest double never inverts the order of two
        // decimals and tells apart every pair of amounts with up to 15 significant digits
        // (123456789.01 and 123456789.02); a script's result becomes a decimal again on the way back.
        decimal m => JsNumber.Create((double)m),
        string s => new JsString(s),
        List<object?> list => ToArray(engine, list),
        Dictionary<string, object?> map => ToObject(engine, map),
        _ => ToJs(engine, Variables.Normalize(value)),
    };

    private static JsArray ToArray(Jint.Engine engine, List<object?> list)
    {
        var items = new JsValue[list.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = ToJs(engine, list[i]);
        }

        return new JsArray(engine, items);
    }

    private static JsObject ToObject(Jint.Engine engine, Dictionary<string, object?> map)
    {
        var obj = new JsObject(engine);
        foreach (var (key, item) in map)
        {
            obj.FastSetDataProperty(key, ToJs(engine, item));
        }

        return obj;
    }

    public static object? FromJs(JsValue value, int depth = 0)
    {
        if (depth > 64)
        {
            throw new ExpressionException("The value is nested too deeply to store as a variable.");
        }

        switch (value.Type)
        {
            case Jint.Runtime.Types.Undefined:
            case Jint.Runtime.Types.Null:
                return null;
            case Jint.Runtime.Types.Boolean:
                return value.AsBoolean();
            case Jint.Runtime.Types.Number:
                var number = value.AsNumber();
                return double.IsFinite(number) ? Variables.Number(number) : null;
            case Jint.Runtime.Types.String:
                return value.AsString();
        }

        if (value is JsArray array)
        {
            var list = new List<object?>((int)array.Length);
            for (uint i = 0; i < array.Length; i++)
            {
                list.Add(FromJs(array.Get(i), depth + 1));
            }

            return list;
        }

        if (value is JsDate date)
        {
            return date.ToDateTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (value is ObjectInstance obj && value is not Jint.Native.Function.Function)
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var key in obj.GetOwnPropertyKeys(Jint.Runtime.Types.String))
            {
                var descriptor = obj.GetOwnProperty(key);
                if (descriptor.Enumerable)
                {
                    map[key.AsString()] = FromJs(obj.Get(key), depth + 1);
                }
            }

            return map;
        }

        return null;
    }
}
