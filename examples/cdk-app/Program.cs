using Amazon.CDK;
using Example;

// The entry point of a small AWS CDK app in C#; ecs-policy reads it and ApiStack.cs from the source, without building
// or synthesizing anything (see examples/README.md).
var app = new App();
_ = new ApiStack(app, "ExampleApi");
app.Synth();
