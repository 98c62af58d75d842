// Everything that compiles a module also reads one: users of the compiler get the parser, the
// validator and the module model with it.
@_exported import FrontEnd
