// A WCF server for the wire test in wcf-host.test.ts, run on Mono. Compiled with mcs at test time
// (never committed as a binary).
//
// usage: mono WcfHost.exe CACHE_DIR WSDL...
//
// For each WSDL: WsdlImporter + ServiceContractGenerator turn it into a C# contract (CodeDom), to which
// this program adds what Mono's importer drops (the result element's name, from the WSDL) and a
// generated implementation of every operation, compiled in-process with CSharpCodeProvider. The
// implementation records what each operation received (each argument and each SOAP header, read
// through the contract and written back with DataContractSerializer, ignoreExtensionDataObject: an
// element the contract did not take is lost) and answers with a fully populated result.
//
// Protocol (stdout, one JSON object a line):
//   {"ready":[{"wsdl","agent","version","ports","path","hosted":[...],"notHostable":[{"op","reason"}]}]}
//   {"ready":[...,"repaired":[{"op","signature"}]}]}: operations whose imported signature was rebuilt
//   {"call":{"agent","version","op","args":[{"name","xml"}],"headers":[{"name","namespace","xml"}],
//            "result":xml|null,"results":[{"name","xml"}]}}   (results: the values of a response of several)
// The host runs until its stdin closes.

using System;
using System.CodeDom;
using System.CodeDom.Compiler;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Description;
using System.Text;
using System.Xml;
using System.Xml.Schema;
using WsdlNS = System.Web.Services.Description;

public static class WcfHost {
  static readonly object Gate = new object();
  static StreamWriter Protocol;
  const int HostsPerAgent = 4;

  public static int Main(string[] args) {
    if (args.Length < 2) {
      Console.Error.WriteLine("usage: WcfHost.exe CACHE_DIR WSDL...");
      return 2;
    }
    // Mono's WCF prints its own errors to the console: the protocol gets stdout to itself.
    Protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
    Console.SetOut(Console.Error);
    string cacheDir = args[0];
    Directory.CreateDirectory(cacheDir);
    var hosts = new List<ServiceHost>();
    var ready = new List<string>();
    for (int i = 1; i < args.Length; i++) {
      Agent agent;
      try {
        agent = Agent.Load(args[i], cacheDir);
      } catch (Exception e) {
        Console.Error.WriteLine("cannot import " + args[i] + ": " + e);
        return 1;
      }
      // Mono's HTTP channel answers one request at a time, about 90 ms each, mostly waiting: a few
      // hosts of the same contract (one port each) let the test keep several calls in flight.
      for (int k = 0; k < HostsPerAgent; k++) hosts.Add(agent.Open());
      ready.Add(agent.ReadyJson());
    }
    Emit("{\"ready\":[" + string.Join(",", ready) + "]}");
    // Run until the test closes stdin (or dies, which closes it too).
    while (Console.In.ReadLine() != null) { }
    // Closing Mono's service hosts only prints its own errors: the process ends instead.
    Environment.Exit(0);
    return 0;
  }

  public static void Emit(string line) {
    lock (Gate) {
      Protocol.Write(line + "\n");
      Protocol.Flush();
    }
  }

  // --- called by the generated implementations -------------------------------------------------

  /// Returns the result, then each out value.
  public static object[] Call(string key, string op, object[] args) {
    var agent = Agent.ByKey[key];
    try {
      return agent.Record(op, args);
    } catch (Exception e) {
      Console.Error.WriteLine(key + " " + op + ": " + e);
      WcfHost.Emit("{\"call\":{\"agent\":" + Json(agent.Name) + ",\"version\":" + Json(agent.Version) + ",\"op\":" + Json(op) + ",\"error\":" + Json(e.ToString()) + "}}");
      throw;
    }
  }

  public static string Json(string s) {
    if (s == null) return "null";
    var b = new StringBuilder("\"");
    foreach (char c in s) {
      switch (c) {
        case '"': b.Append("\\\""); break;
        case '\\': b.Append("\\\\"); break;
        case '\n': b.Append("\\n"); break;
        case '\r': b.Append("\\r"); break;
        case '\t': b.Append("\\t"); break;
        default:
          if (c < 0x20 || c > 0x7e) b.Append("\\u").Append(((int)c).ToString("x4"));
          else b.Append(c);
          break;
      }
    }
    return b.Append('"').ToString();
  }
}

class Agent {
  public static readonly Dictionary<string, Agent> ByKey = new Dictionary<string, Agent>();

  string wsdlPath;
  public string Name, Version, Key, Tns;
  WsdlNS.ServiceDescription sd;
  List<XmlSchema> schemas = new List<XmlSchema>();
  Assembly assembly;
  Type contract, implementation;
  List<int> ports = new List<int>();
  string path;
  // op -> wire names of its parameters, in order
  Dictionary<string, OperationInfo> ops = new Dictionary<string, OperationInfo>();
  List<string[]> notHostable = new List<string[]>();
  List<string[]> repaired = new List<string[]>();

  class OperationInfo {
    public string Name;
    public string[] ParamNames;
    public Type[] ParamTypes;
    public Type ReturnType;
    public string ResultName;
    public string[] OutNames;
    public Type[] OutTypes;
  }

  public static Agent Load(string wsdlPath, string cacheDir) {
    var a = new Agent();
    a.wsdlPath = wsdlPath;
    a.sd = WsdlNS.ServiceDescription.Read(wsdlPath);
    foreach (XmlSchema s in a.sd.Types.Schemas) a.schemas.Add(s);
    a.Tns = a.sd.TargetNamespace;
    a.Version = a.Tns.Substring(a.Tns.LastIndexOf('/') + 1);
    a.Name = a.sd.PortTypes[0].Name;
    a.Key = a.Version + "/" + a.Name;
    a.path = "/Remote/" + a.Version + "/" + a.Name + ".svc";
    a.Build(cacheDir);
    ByKey[a.Key] = a;
    return a;
  }

  // --- WSDL look-ups (raw schema objects: the importer has its own view, these are the WSDL's) ---

  XmlSchemaElement GlobalElement(XmlQualifiedName name) {
    foreach (var s in schemas) {
      if (s.TargetNamespace != name.Namespace) continue;
      foreach (var item in s.Items) {
        var e = item as XmlSchemaElement;
        if (e != null && e.Name == name.Name) return e;
      }
    }
    return null;
  }

  List<XmlSchemaElement> WrapperChildren(XmlQualifiedName element) {
    var result = new List<XmlSchemaElement>();
    var e = GlobalElement(element);
    if (e == null) return null;
    var ct = e.SchemaType as XmlSchemaComplexType;
    if (ct == null) return null;
    var seq = ct.Particle as XmlSchemaSequence;
    if (seq == null) return result;
    foreach (var item in seq.Items) {
      var child = item as XmlSchemaElement;
      if (child == null) return null;
      result.Add(child);
    }
    return result;
  }

  XmlQualifiedName MessageElement(XmlQualifiedName message) {
    var m = sd.Messages[message.Name];
    if (m == null || m.Parts.Count == 0) return null;
    return m.Parts[0].Element;
  }

  // --- import, repair, generate, compile ---------------------------------------------------------

  void Build(string cacheDir) {
    var ms = new MetadataSet();
    ms.MetadataSections.Add(MetadataSection.CreateFromServiceDescription(sd));
    var importer = new WsdlImporter(ms);
    var contracts = importer.ImportAllContracts();
    foreach (var e in importer.Errors) if (!e.IsWarning) Console.Error.WriteLine(Key + ": importer: " + e.Message);
    if (contracts.Count != 1) throw new Exception(Key + ": " + contracts.Count + " contracts imported");
    var generator = new ServiceContractGenerator();
    generator.Options = ServiceContractGenerationOptions.None;
    generator.GenerateServiceContractType(contracts[0]);
    foreach (var e in generator.Errors) if (!e.IsWarning) Console.Error.WriteLine(Key + ": generator: " + e.Message);
    var unit = generator.TargetCompileUnit;

    // The WSDL's operations, by name: request children and response children.
    var portType = sd.PortTypes[0];
    var wsdlOps = new Dictionary<string, WsdlNS.Operation>();
    foreach (WsdlNS.Operation o in portType.Operations) wsdlOps[o.Name] = o;
    // Response wrapper elements used by more than one operation.
    var responseUse = new Dictionary<string, int>();
    foreach (WsdlNS.Operation o in portType.Operations) {
      var el = MessageElement(o.Messages.Output.Message);
      var k = el == null ? "" : el.ToString();
      responseUse[k] = responseUse.ContainsKey(k) ? responseUse[k] + 1 : 1;
    }

    ImportHeaderTypes(unit);

    CodeTypeDeclaration iface = null;
    foreach (CodeNamespace ns in unit.Namespaces)
      foreach (CodeTypeDeclaration t in ns.Types)
        if (t.IsInterface && HasAttribute(t.CustomAttributes, "ServiceContractAttribute")) iface = t;
    if (iface == null) throw new Exception(Key + ": no service contract generated");

    var provider = new Microsoft.CSharp.CSharpCodeProvider();
    var impl = new StringBuilder();
    string ifaceName = iface.Name;
    string className = "Impl_" + Name;
    impl.Append("[System.ServiceModel.ServiceBehavior(InstanceContextMode = System.ServiceModel.InstanceContextMode.Single, ConcurrencyMode = System.ServiceModel.ConcurrencyMode.Multiple, IncludeExceptionDetailInFaults = true)]\n");
    impl.Append("public class " + className + " : " + ifaceName + " {\n");
    var imported = new HashSet<string>();
    var removed = new List<CodeTypeMember>();
    // Every wrapper element name: a parameter or result typed as one of those is the importer's mistake.
    var wrapperNames = new HashSet<string>();
    foreach (WsdlNS.Operation o in portType.Operations) {
      var i = MessageElement(o.Messages.Input.Message);
      var r = MessageElement(o.Messages.Output.Message);
      if (i != null) wrapperNames.Add(i.Name);
      if (r != null) wrapperNames.Add(r.Name);
    }
    Func<CodeTypeReference, bool> isWrapper = t => {
      string b = t.ArrayElementType != null ? t.ArrayElementType.BaseType : t.BaseType;
      return wrapperNames.Contains(b.Substring(b.LastIndexOf('.') + 1));
    };

    // Pass 1: what the importer got right, and the CLR type it gave each XML type there.
    var plans = new List<Plan>();
    var typeMap = new Dictionary<string, CodeTypeReference>();
    SeedTypeMap(unit, typeMap);
    foreach (CodeTypeMember member in iface.Members) {
      var m = member as CodeMemberMethod;
      if (m == null) continue;
      string opName = AttributeArg(m.CustomAttributes, "OperationContractAttribute", "Name") ?? m.Name;
      imported.Add(opName);
      WsdlNS.Operation wsdlOp;
      if (!wsdlOps.TryGetValue(opName, out wsdlOp)) {
        notHostable.Add(new[] { opName, "the importer made an operation the WSDL does not have" });
        removed.Add(m);
        continue;
      }
      var plan = new Plan { Method = m, Op = opName };
      plan.Request = WrapperChildren(MessageElement(wsdlOp.Messages.Input.Message));
      var responseEl = MessageElement(wsdlOp.Messages.Output.Message);
      plan.Response = WrapperChildren(responseEl);
      if (plan.Request == null || plan.Response == null) plan.Reason = "a wrapper that is not a plain sequence of elements";
      else if (responseUse[responseEl.ToString()] > 1) plan.Reason = "its response wrapper " + responseEl.Name + " is shared with another operation";
      if (plan.Reason != null) {
        notHostable.Add(new[] { opName, plan.Reason });
        removed.Add(m);
        continue;
      }
      var ps = m.Parameters.Cast<CodeParameterDeclarationExpression>().ToList();
      bool isVoid = m.ReturnType.BaseType == "System.Void";
      // The importer falls back to XmlSerializer where its DataContract import of an operation failed
      // (those are the operations it also gives another operation's wrappers): the host stays DataContract.
      plan.Intact = !HasAttribute(m.CustomAttributes, "XmlSerializerFormatAttribute")
        && ps.Count == plan.Request.Count
        && ps.Select(p => p.Name).SequenceEqual(plan.Request.Select(c => c.Name))
        && ps.All(p => p.Direction == FieldDirection.In && !isWrapper(p.Type))
        && (plan.Response.Count == 0 ? isVoid : plan.Response.Count == 1 && !isVoid && !isWrapper(m.ReturnType));
      if (plan.Intact) {
        for (int k = 0; k < ps.Count; k++) typeMap[TypeKey(plan.Request[k])] = ps[k].Type;
        if (plan.Response.Count == 1) typeMap[TypeKey(plan.Response[0])] = m.ReturnType;
      }
      plans.Add(plan);
    }

    // Pass 2: repair the rest from the WSDL (Mono's importer gives some operations another operation's
    // wrapper types, and reads a response of several values as a single result), then implement.
    foreach (var plan in plans) {
      var m = plan.Method;
      if (!plan.Intact) {
        var missingTypes = plan.Request.Concat(plan.Response).Where(c => Lookup(typeMap, c) == null).Select(c => c.SchemaTypeName.Name).Distinct().ToList();
        string imported0 = Signature(provider, m);
        if (missingTypes.Count > 0) {
          notHostable.Add(new[] { plan.Op, "Mono's importer gave it " + imported0 + ", and the WSDL's " + string.Join(", ", missingTypes) + " is not in the contract to repair it" });
          removed.Add(m);
          continue;
        }
        foreach (var a in m.CustomAttributes.Cast<CodeAttributeDeclaration>().Where(a => a.Name.EndsWith("XmlSerializerFormatAttribute")).ToList()) m.CustomAttributes.Remove(a);
        m.Parameters.Clear();
        foreach (var c in plan.Request) m.Parameters.Add(new CodeParameterDeclarationExpression(Lookup(typeMap, c), c.Name));
        m.ReturnTypeCustomAttributes.Clear();
        if (plan.Response.Count == 1) {
          m.ReturnType = Lookup(typeMap, plan.Response[0]);
        } else {
          m.ReturnType = new CodeTypeReference(typeof(void));
          foreach (var c in plan.Response) {
            // Named apart from the inputs (ReadBlobPart takes a Length and answers one).
            var p = new CodeParameterDeclarationExpression(Lookup(typeMap, c), "out_" + c.Name);
            p.Direction = FieldDirection.Out;
            p.CustomAttributes.Add(new CodeAttributeDeclaration(
              new CodeTypeReference(typeof(MessageParameterAttribute)),
              new CodeAttributeArgument("Name", new CodePrimitiveExpression(c.Name))));
            m.Parameters.Add(p);
          }
        }
        repaired.Add(new[] { plan.Op, imported0 + " -> " + Signature(provider, m) });
      }
      if (plan.Response.Count == 1) {
        // Mono's importer drops the result element name: WCF would expect <OpResult>; the WSDL says.
        m.ReturnTypeCustomAttributes.Add(new CodeAttributeDeclaration(
          new CodeTypeReference(typeof(MessageParameterAttribute)),
          new CodeAttributeArgument("Name", new CodePrimitiveExpression(plan.Response[0].Name))));
      }
      var info = new OperationInfo { Name = plan.Op, ResultName = plan.Response.Count == 1 ? plan.Response[0].Name : null };
      info.ParamNames = plan.Request.Select(c => c.Name).ToArray();
      info.OutNames = plan.Response.Count > 1 ? plan.Response.Select(c => c.Name).ToArray() : new string[0];
      ops[plan.Op] = info;

      bool isVoid = m.ReturnType.BaseType == "System.Void";
      string ret = isVoid ? "void" : provider.GetTypeOutput(m.ReturnType);
      var decl = new List<string>();
      var ins = new List<string>();
      var assignOuts = new StringBuilder();
      int outIndex = 0;
      foreach (CodeParameterDeclarationExpression p in m.Parameters) {
        string id = provider.CreateEscapedIdentifier(p.Name);
        string type = provider.GetTypeOutput(p.Type);
        if (p.Direction == FieldDirection.Out) {
          decl.Add("out " + type + " " + id);
          assignOuts.Append("    " + id + " = (" + type + ")r[" + (++outIndex) + "];\n");
        } else {
          decl.Add(type + " " + id);
          ins.Add(id);
        }
      }
      impl.Append("  public " + ret + " " + provider.CreateEscapedIdentifier(m.Name) + "(" + string.Join(", ", decl) + ") {\n");
      impl.Append("    object[] r = WcfHost.Call(" + Str(Key) + ", " + Str(plan.Op) + ", new object[] { " + string.Join(", ", ins) + " });\n");
      impl.Append(assignOuts);
      if (!isVoid) impl.Append("    return (" + ret + ")r[0];\n");
      impl.Append("  }\n");
    }
    foreach (var m in removed) iface.Members.Remove(m);
    foreach (WsdlNS.Operation o in portType.Operations)
      if (!imported.Contains(o.Name)) notHostable.Add(new[] { o.Name, "Mono's importer did not import it" });
    impl.Append("}\n");

    var contractSource = new StringWriter();
    provider.GenerateCodeFromCompileUnit(unit, contractSource, new CodeGeneratorOptions());
    string source = contractSource.ToString() + "\n" + impl.ToString();

    // Compiled assemblies are cached by their source (and this host, which they reference).
    string hostPath = Assembly.GetExecutingAssembly().Location;
    string hash;
    using (var sha = SHA256.Create()) {
      var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(source + "\0" + File.GetLastWriteTimeUtc(hostPath).Ticks));
      hash = BitConverter.ToString(bytes).Replace("-", "").Substring(0, 24);
    }
    string dll = Path.Combine(cacheDir, Version + "-" + Name + "-" + hash + ".dll");
    if (!File.Exists(dll)) {
      var cp = new CompilerParameters();
      cp.ReferencedAssemblies.Add("System.dll");
      cp.ReferencedAssemblies.Add("System.Xml.dll");
      cp.ReferencedAssemblies.Add("System.Runtime.Serialization.dll");
      cp.ReferencedAssemblies.Add("System.ServiceModel.dll");
      cp.ReferencedAssemblies.Add(hostPath);
      string tmp = dll + "." + System.Diagnostics.Process.GetCurrentProcess().Id + ".tmp";
      cp.OutputAssembly = tmp;
      cp.GenerateInMemory = false;
      cp.CompilerOptions = "-nowarn:0108,0114,0169,0219,0414,0649";
      var results = provider.CompileAssemblyFromSource(cp, source);
      var errors = results.Errors.Cast<CompilerError>().Where(e => !e.IsWarning).ToList();
      if (errors.Count > 0) {
        File.WriteAllText(dll + ".failed.cs", source);
        throw new Exception(Key + ": generated source does not compile (" + dll + ".failed.cs):\n" + string.Join("\n", errors.Take(20).Select(e => e.Line + ": " + e.ErrorText)));
      }
      File.Move(tmp, dll);
    }
    assembly = Assembly.LoadFrom(dll);
    contract = assembly.GetTypes().First(t => t.IsInterface && t.Name == ifaceName);
    implementation = assembly.GetType(className);
    foreach (var info in ops.Values) {
      var method = contract.GetMethods().First(mi => {
        var oc = (OperationContractAttribute)mi.GetCustomAttributes(typeof(OperationContractAttribute), false)[0];
        return (oc.Name ?? mi.Name) == info.Name;
      });
      info.ParamTypes = method.GetParameters().Where(p => !p.IsOut).Select(p => p.ParameterType).ToArray();
      info.OutTypes = method.GetParameters().Where(p => p.IsOut).Select(p => p.ParameterType.GetElementType()).ToArray();
      info.ReturnType = method.ReturnType;
    }
  }

  // Mono's importer drops the soap:header parts, and with them their types (SoCredentials, SoTimeZone):
  // they are imported here from the WSDL's schemas, so that the headers are read through contract types.
  void ImportHeaderTypes(CodeCompileUnit unit) {
    var wanted = new List<XmlQualifiedName>();
    foreach (WsdlNS.Binding binding in sd.Bindings)
      foreach (WsdlNS.OperationBinding ob in binding.Operations)
        foreach (var ext in ob.Input.Extensions) {
          var h = ext as WsdlNS.SoapHeaderBinding;
          if (h == null) continue;
          var m = sd.Messages[h.Message.Name];
          var part = m == null ? null : m.Parts[h.Part];
          var el = part == null ? null : GlobalElement(part.Element);
          if (el == null || el.SchemaTypeName.Namespace == XmlSchema.Namespace) continue;
          if (!wanted.Contains(el.SchemaTypeName)) wanted.Add(el.SchemaTypeName);
        }
    var present = new HashSet<string>();
    foreach (CodeNamespace ns in unit.Namespaces)
      foreach (CodeTypeDeclaration t in ns.Types) {
        string dcName = null;
        foreach (CodeAttributeDeclaration a in t.CustomAttributes)
          if (a.Name.EndsWith("DataContractAttribute")) dcName = AttributeArg(t.CustomAttributes, "DataContractAttribute", "Name");
        present.Add(dcName ?? t.Name);
      }
    var missingTypes = wanted.Where(q => !present.Contains(q.Name)).ToList();
    if (missingTypes.Count == 0) return;
    var set = new XmlSchemaSet();
    foreach (var s in schemas) set.Add(s);
    set.Compile();
    var importer = new XsdDataContractImporter(unit);
    foreach (var q in missingTypes) importer.Import(set, q);
  }

  class Plan {
    public CodeMemberMethod Method;
    public string Op, Reason;
    public List<XmlSchemaElement> Request, Response;
    public bool Intact;
  }

  static string TypeKey(XmlSchemaElement e) { return e.SchemaTypeName + (e.IsNillable ? "?" : ""); }

  CodeTypeReference Lookup(Dictionary<string, CodeTypeReference> map, XmlSchemaElement e) {
    CodeTypeReference t;
    if (map.TryGetValue(TypeKey(e), out t)) return t;
    // ArrayOfX, which WCF imports as X[]: from X.
    var ct = GlobalComplexType(e.SchemaTypeName);
    var seq = ct == null ? null : ct.Particle as XmlSchemaSequence;
    if (seq == null || seq.Items.Count != 1 || ct.Annotation != null) return null;
    var item = seq.Items[0] as XmlSchemaElement;
    if (item == null || item.MaxOccurs <= 1) return null;
    var itemType = Lookup(map, item);
    return itemType == null ? null : new CodeTypeReference(itemType, 1);
  }

  XmlSchemaComplexType GlobalComplexType(XmlQualifiedName name) {
    foreach (var s in schemas) {
      if (s.TargetNamespace != name.Namespace) continue;
      foreach (var item in s.Items) {
        var t = item as XmlSchemaComplexType;
        if (t != null && t.Name == name.Name) return t;
      }
    }
    return null;
  }

  static string Signature(CodeDomProvider provider, CodeMemberMethod m) {
    var ps = m.Parameters.Cast<CodeParameterDeclarationExpression>().Select(p => (p.Direction == FieldDirection.Out ? "out " : "") + provider.GetTypeOutput(p.Type) + " " + p.Name);
    return provider.GetTypeOutput(m.ReturnType) + " (" + string.Join(", ", ps) + ")";
  }

  // The contract's own data contract classes and the XML Schema primitives, for repairs.
  static void SeedTypeMap(CodeCompileUnit unit, Dictionary<string, CodeTypeReference> map) {
    foreach (CodeNamespace ns in unit.Namespaces)
      foreach (CodeTypeDeclaration t in ns.Types) {
        foreach (var attr in new[] { "CollectionDataContractAttribute", "DataContractAttribute" }) {
          if (!t.CustomAttributes.Cast<CodeAttributeDeclaration>().Any(a => a.Name.EndsWith("." + attr) || a.Name == attr)) continue;
          string name = AttributeArg(t.CustomAttributes, attr, "Name") ?? t.Name;
          string xmlNs = AttributeArg(t.CustomAttributes, attr, "Namespace");
          var qn = new XmlQualifiedName(name, xmlNs).ToString();
          var r = new CodeTypeReference(ns.Name.Length > 0 ? ns.Name + "." + t.Name : t.Name);
          if (t.IsEnum) {
            map[qn] = r;
            map[qn + "?"] = new CodeTypeReference(typeof(Nullable<>).FullName, r);
          } else if (t.IsClass) {
            map[qn] = r;
            map[qn + "?"] = r;
          }
        }
      }
    var xs = XmlSchema.Namespace;
    map["" + new XmlQualifiedName("string", xs)] = new CodeTypeReference(typeof(string));
    map["" + new XmlQualifiedName("string", xs) + "?"] = new CodeTypeReference(typeof(string));
    foreach (var pair in new[] { Tuple.Create("int", typeof(int)), Tuple.Create("long", typeof(long)), Tuple.Create("boolean", typeof(bool)), Tuple.Create("short", typeof(short)), Tuple.Create("dateTime", typeof(DateTime)), Tuple.Create("double", typeof(double)) }) {
      map["" + new XmlQualifiedName(pair.Item1, xs)] = new CodeTypeReference(pair.Item2);
      map["" + new XmlQualifiedName(pair.Item1, xs) + "?"] = new CodeTypeReference(typeof(Nullable<>).MakeGenericType(pair.Item2));
    }
  }

  static string Str(string s) { return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""; }

  static bool HasAttribute(CodeAttributeDeclarationCollection attrs, string name) {
    foreach (CodeAttributeDeclaration a in attrs) if (a.Name.EndsWith(name)) return true;
    return false;
  }

  static string AttributeArg(CodeAttributeDeclarationCollection attrs, string attr, string arg) {
    foreach (CodeAttributeDeclaration a in attrs) {
      if (!a.Name.EndsWith(attr)) continue;
      foreach (CodeAttributeArgument x in a.Arguments) {
        if (x.Name == arg && x.Value is CodePrimitiveExpression) return (string)((CodePrimitiveExpression)x.Value).Value;
      }
    }
    return null;
  }

  // --- hosting -----------------------------------------------------------------------------------

  static int FreePort() {
    var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    int p = ((IPEndPoint)l.LocalEndpoint).Port;
    l.Stop();
    return p;
  }

  public ServiceHost Open() {
    Exception last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = FreePort();
      var host = new ServiceHost(Activator.CreateInstance(implementation), new Uri("http://127.0.0.1:" + port + "/"));
      var binding = new BasicHttpBinding();
      binding.MaxReceivedMessageSize = int.MaxValue;
      binding.MaxBufferSize = int.MaxValue;
      binding.ReaderQuotas.MaxStringContentLength = int.MaxValue;
      binding.ReaderQuotas.MaxArrayLength = int.MaxValue;
      binding.ReaderQuotas.MaxDepth = 256;
      binding.ReaderQuotas.MaxNameTableCharCount = int.MaxValue;
      binding.ReaderQuotas.MaxBytesPerRead = int.MaxValue;
      binding.SendTimeout = TimeSpan.FromMinutes(2);
      binding.ReceiveTimeout = TimeSpan.FromMinutes(10);
      var endpoint = host.AddServiceEndpoint(contract, binding, path.Substring(1));
      foreach (var op in endpoint.Contract.Operations) {
        var dcs = op.Behaviors.Find<DataContractSerializerOperationBehavior>();
        if (dcs != null) dcs.MaxItemsInObjectGraph = int.MaxValue;
      }
      try {
        host.Open();
        ports.Add(port);
        return host;
      } catch (Exception e) {
        last = e;
        try { host.Abort(); } catch { }
      }
    }
    throw new Exception(Key + ": cannot open the service host", last);
  }

  public string ReadyJson() {
    var b = new StringBuilder();
    b.Append("{\"wsdl\":" + WcfHost.Json(wsdlPath) + ",\"agent\":" + WcfHost.Json(Name) + ",\"version\":" + WcfHost.Json(Version));
    b.Append(",\"ports\":[" + string.Join(",", ports) + "],\"path\":" + WcfHost.Json(path) + ",\"hosted\":[");
    b.Append(string.Join(",", ops.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(WcfHost.Json)));
    b.Append("],\"notHostable\":[");
    b.Append(string.Join(",", notHostable.Select(n => "{\"op\":" + WcfHost.Json(n[0]) + ",\"reason\":" + WcfHost.Json(n[1]) + "}")));
    b.Append("],\"repaired\":[");
    b.Append(string.Join(",", repaired.Select(n => "{\"op\":" + WcfHost.Json(n[0]) + ",\"signature\":" + WcfHost.Json(n[1]) + "}")));
    b.Append("]}");
    return b.ToString();
  }

  // --- recording ---------------------------------------------------------------------------------

  static string Serialize(Type type, object value, string name, string ns) {
    if (value == null) return null;
    var serializer = new DataContractSerializer(type, name, ns, null, int.MaxValue, true, false, null);
    var sw = new StringWriter();
    using (var w = XmlWriter.Create(sw, new XmlWriterSettings { OmitXmlDeclaration = true })) serializer.WriteObject(w, value);
    return sw.ToString();
  }

  Type ClrTypeOf(XmlQualifiedName type) {
    if (type.Namespace == XmlSchema.Namespace) {
      switch (type.Name) {
        case "string": return typeof(string);
        case "int": return typeof(int);
        case "boolean": return typeof(bool);
        case "long": return typeof(long);
      }
      return null;
    }
    foreach (var t in assembly.GetTypes()) {
      var dc = (DataContractAttribute)Attribute.GetCustomAttribute(t, typeof(DataContractAttribute));
      if (dc != null && (dc.Name ?? t.Name) == type.Name && dc.Namespace == type.Namespace) return t;
    }
    return null;
  }

  public object[] Record(string op, object[] args) {
    var info = ops[op];
    var b = new StringBuilder();
    b.Append("{\"call\":{\"agent\":" + WcfHost.Json(Name) + ",\"version\":" + WcfHost.Json(Version) + ",\"op\":" + WcfHost.Json(op) + ",\"args\":[");
    for (int i = 0; i < args.Length; i++) {
      if (i > 0) b.Append(",");
      b.Append("{\"name\":" + WcfHost.Json(info.ParamNames[i]) + ",\"xml\":" + WcfHost.Json(Serialize(info.ParamTypes[i], args[i], info.ParamNames[i], Tns)) + "}");
    }
    b.Append("],\"headers\":[");
    var headers = OperationContext.Current.IncomingMessageHeaders;
    bool first = true;
    for (int i = 0; i < headers.Count; i++) {
      var h = headers[i];
      var el = GlobalElement(new XmlQualifiedName(h.Name, h.Namespace));
      string xml;
      if (el == null) {
        xml = null;
      } else {
        var type = ClrTypeOf(el.SchemaTypeName);
        if (type == null) throw new Exception("no contract type for header " + h.Name + " of type " + el.SchemaTypeName);
        var reader = headers.GetReaderAtHeader(i);
        var value = new DataContractSerializer(type, h.Name, h.Namespace).ReadObject(reader);
        xml = Serialize(type, value, h.Name, h.Namespace);
      }
      if (!first) b.Append(",");
      first = false;
      b.Append("{\"name\":" + WcfHost.Json(h.Name) + ",\"namespace\":" + WcfHost.Json(h.Namespace) + ",\"xml\":" + WcfHost.Json(xml) + "}");
    }
    b.Append("],\"result\":");
    object result = null;
    if (info.ReturnType != typeof(void)) {
      result = new Filler().Fill(info.ReturnType, 0);
      b.Append(WcfHost.Json(Serialize(info.ReturnType, result, info.ResultName, Tns)));
    } else {
      b.Append("null");
    }
    var answer = new List<object> { result };
    b.Append(",\"results\":[");
    var filler = new Filler();
    for (int i = 0; i < info.OutTypes.Length; i++) {
      var v = filler.Fill(info.OutTypes[i], 0);
      answer.Add(v);
      if (i > 0) b.Append(",");
      b.Append("{\"name\":" + WcfHost.Json(info.OutNames[i]) + ",\"xml\":" + WcfHost.Json(Serialize(info.OutTypes[i], v, info.OutNames[i], Tns)) + "}");
    }
    b.Append("]}}");
    WcfHost.Emit(b.ToString());
    return answer.ToArray();
  }
}

/// Fully populated values: every data member set, arrays and dictionaries of two, distinct leaves.
class Filler {
  int n;
  readonly List<Type> path = new List<Type>();

  public object Fill(Type t, int depth) {
    n++;
    var underlying = Nullable.GetUnderlyingType(t);
    if (underlying != null) return Fill(underlying, depth);
    if (t == typeof(string)) return "srv" + n + " <&> \"é\u20ac\"";
    if (t == typeof(int)) return 1000 + n;
    if (t == typeof(short)) return (short)(200 + n);
    if (t == typeof(byte)) return (byte)(n % 250 + 1);
    if (t == typeof(sbyte)) return (sbyte)(-(n % 120) - 1);
    if (t == typeof(uint)) return 4000000000u + (uint)n;
    if (t == typeof(ushort)) return (ushort)(60000 + n % 5000);
    if (t == typeof(long)) return 9007199254740993L + n;
    if (t == typeof(ulong)) return 18446744073709551615UL - (ulong)n;
    if (t == typeof(bool)) return true;
    if (t == typeof(double)) return 1.5e300 + n * 1e285;
    if (t == typeof(float)) return n + 0.25f;
    if (t == typeof(decimal)) return 12345678901234567890.123456789m + n;
    if (t == typeof(char)) return (char)('A' + n % 26);
    if (t == typeof(DateTime)) return new DateTime(2026, 2, 3, 4, 5, 6, 789, DateTimeKind.Utc).AddMinutes(n);
    if (t == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero).AddMinutes(n);
    if (t == typeof(TimeSpan)) return new TimeSpan(1, 2, 3, 4, 500).Add(TimeSpan.FromSeconds(n));
    if (t == typeof(Guid)) return new Guid(0x6f9619ff, 0x8b86, 0xd011, 0xb4, 0x2d, 0x00, 0xc0, 0x4f, 0xc9, 0x64, (byte)n);
    if (t == typeof(byte[])) return new byte[] { 0, 1, 2, 253, 254, 255, (byte)n };
    if (t == typeof(Uri)) return new Uri("https://example.invalid/a?b=c&d=" + n);
    if (t == typeof(XmlQualifiedName)) return new XmlQualifiedName("n" + n, "urn:q");
    if (t == typeof(object)) return "obj" + n;
    if (t.IsEnum) return FillEnum(t);

    int seen = path.Count(p => p == t);
    if (seen >= 2) return t.IsArray ? Array.CreateInstance(t.GetElementType(), 0) : null;
    path.Add(t);
    try {
      if (t.IsArray) {
        var item = t.GetElementType();
        var a = Array.CreateInstance(item, 2);
        for (int i = 0; i < 2; i++) a.SetValue(Fill(item, depth + 1), i);
        return a;
      }
      var dict = t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
      if (dict != null) {
        var d = (IDictionary)Activator.CreateInstance(t);
        var kt = dict.GetGenericArguments()[0];
        var vt = dict.GetGenericArguments()[1];
        for (int i = 0; i < 2; i++) {
          var key = kt == typeof(string) ? (object)("key " + n + "." + i + " <&>") : Fill(kt, depth + 1);
          d[key] = Fill(vt, depth + 1);
        }
        return d;
      }
      var list = t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>));
      if (list != null && Attribute.IsDefined(t, typeof(CollectionDataContractAttribute))) {
        var c = (IList)Activator.CreateInstance(t);
        var it = list.GetGenericArguments()[0];
        for (int i = 0; i < 2; i++) c.Add(Fill(it, depth + 1));
        return c;
      }
      var o = Activator.CreateInstance(t);
      foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance)) {
        if (!Attribute.IsDefined(p, typeof(DataMemberAttribute)) || !p.CanWrite) continue;
        p.SetValue(o, Fill(p.PropertyType, depth + 1), null);
      }
      return o;
    } finally {
      path.RemoveAt(path.Count - 1);
    }
  }

  object FillEnum(Type t) {
    var values = Enum.GetValues(t).Cast<object>().ToList();
    if (Attribute.IsDefined(t, typeof(FlagsAttribute))) {
      // Two distinct single bits, when there are.
      var bits = values.Where(v => {
        long x = Convert.ToInt64(v);
        return x != 0 && (x & (x - 1)) == 0;
      }).ToList();
      if (bits.Count >= 2) {
        long combined = Convert.ToInt64(bits[n % bits.Count]) | Convert.ToInt64(bits[(n + 1) % bits.Count]);
        return Enum.ToObject(t, combined);
      }
    }
    // A value other than the first (the default), varying from call to call.
    if (values.Count == 1) return values[0];
    return values[1 + n % (values.Count - 1)];
  }
}
