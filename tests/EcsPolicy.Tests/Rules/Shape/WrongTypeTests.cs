using EcsPolicy.Inputs;
using EcsPolicy.Shape;
using static EcsPolicy.Tests.Rules.Shape.ShapeTestData;

namespace EcsPolicy.Tests.Rules.Shape;

public class WrongTypeTests
{
    [Fact]
    public void Number_where_the_API_says_string()
    {
        var f = Single(Task(task: "\"cpu\": 1024"), "ECS0003");
        Assert.Equal("'cpu' must be a string, not a number; write it in quotes: \"1024\" (the AWS CLI and SDKs reject a number here).", f.Message);
        At(f, 3, 10);
    }

    [Fact]
    public void String_where_the_API_says_integer()
    {
        var f = Single(Task(container: "\"portMappings\": [{ \"containerPort\": \"80\" }]"), "ECS0003");
        Assert.Equal("'portMappings[0].containerPort' in container 'web' must be a whole number, not a string; write 80 without quotes (the AWS CLI and SDKs reject a string here).", f.Message);
        At(f, 7, 43);
    }

    [Fact]
    public void Decimal_where_the_API_says_integer()
    {
        var f = Single(Task(container: "\"cpu\": 0.5"), "ECS0003");
        Assert.Equal("'cpu' in container 'web' must be a whole number, not a decimal number; use a whole number without quotes (the AWS CLI and SDKs reject a decimal number here).", f.Message);
    }

    [Fact]
    public void Quoted_boolean()
    {
        var f = Single(Task(container: "\"essential\": \"true\""), "ECS0003");
        Assert.Equal("'essential' in container 'web' must be true or false, not a string; write true without quotes (the AWS CLI and SDKs reject a string here).", f.Message);
    }

    [Fact]
    public void Object_where_a_list_is_required()
    {
        var f = Single(Task(container: "\"portMappings\": { \"containerPort\": 80 }"), "ECS0003");
        Assert.Equal("'portMappings' in container 'web' must be a list, not an object; put the object in a list: [ { ... } ].", f.Message);
        At(f, 7, 23);
    }

    [Fact]
    public void List_where_an_object_is_required()
    {
        var f = Single(Task(container: "\"logConfiguration\": [{ \"logDriver\": \"awslogs\" }]"), "ECS0003");
        Assert.Equal("'logConfiguration' in container 'web' must be an object, not a list; remove the surrounding [ ] and keep the single object.", f.Message);
    }

    [Fact]
    public void Map_values_must_be_strings()
    {
        var f = Single(Task(container: "\"logConfiguration\": { \"logDriver\": \"awslogs\", \"options\": { \"awslogs-create-group\": true } }"), "ECS0003");
        Assert.StartsWith("'logConfiguration.options.awslogs-create-group' in container 'web' must be a string, not a boolean; put the value in quotes", f.Message);
        var label = Single(Task(container: "\"dockerLabels\": { \"port\": 8080 }"), "ECS0003");
        Assert.Equal("'dockerLabels.port' in container 'web' must be a string, not a number; write it in quotes: \"8080\" (the AWS CLI and SDKs reject a number here).", label.Message);
    }

    [Fact]
    public void Scalar_where_a_list_is_required()
    {
        var f = Single(Task(container: "\"command\": \"npm start\""), "ECS0003");
        Assert.Equal("'command' in container 'web' must be a list, not a string; wrap the value in a list: [ ... ].", f.Message);
    }

    [Fact]
    public void Null_is_absent_not_a_wrong_type()
    {
        Clean(Task(container: "\"hostname\": null, \"portMappings\": null", task: "\"networkMode\": null"));
    }

    [Fact]
    public void Lenient_scalars_accept_converted_values_but_not_structural_mismatches()
    {
        var root = JsonTreeReader.Parse("t.json", System.Text.Encoding.UTF8.GetBytes(
            Task(container: "\"essential\": \"true\", \"portMappings\": [{ \"containerPort\": \"80\" }], \"logConfiguration\": [{ \"logDriver\": \"awslogs\" }]", task: "\"cpu\": 1024")), out _)!;
        var lenient = ShapeValidator.Validate(root, lenientScalars: true).Violations;
        var violation = Assert.Single(lenient);
        Assert.Equal("ECS0003", violation.RuleId);
        Assert.Equal("/containerDefinitions/0/logConfiguration", violation.Node.Path);
        Assert.Equal(4, ShapeValidator.Validate(root, lenientScalars: false).Violations.Count);
    }
}
