// Runs wsdl-tsclient's own API over many WSDL files in one process (its CLI takes one file per run),
// so that the comparison with superoffice-sdkgen, which reads a folder, is fair. Files it cannot
// generate are counted, not fatal.
const { parseAndGenerate } = require('wsdl-tsclient');
const [out, ...files] = process.argv.slice(2);
(async () => {
  const failed = [];
  for (const file of files) {
    try {
      await parseAndGenerate(file, out, { quiet: true });
    } catch (error) {
      failed.push(`${require('node:path').basename(file)}: ${String(error.message).split('\n')[0]}`);
    }
  }
  process.stdout.write(JSON.stringify({ failed }));
})();
