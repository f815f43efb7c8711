// PowerShell's capabilities. PowerShell is a shell: every command word runs a cmdlet, a function
// or a program. Only cmdlets known to read (Get-*, Select-Object, Write-Output, …) are allowed
// where a command starts; the call operators (`&`, `.`), redirection to a file, static calls on
// .NET types outside a small harmless set, and methods that delete, move, start or upload block.
import { BLOCK, each, type CapabilityTable, type CheckContext } from './table.js';

const READ_COMMANDS = new Set(
  `get-childitem gci ls dir get-content gc cat type get-item gi get-itemproperty gp get-itempropertyvalue gpv get-location pwd gl
  set-location cd sl chdir push-location pushd pop-location popd test-path resolve-path rvpa join-path split-path convert-path get-date get-process ps gps get-service
  gsv get-command gcm get-help get-member gm get-variable gv get-host get-culture get-uiculture get-random get-unique gu get-filehash get-psdrive gdr get-module gmo
  get-alias gal get-verb get-computerinfo get-ciminstance gcim get-wmiobject gwmi get-hotfix get-acl get-childitem get-timezone get-uptime get-psversion
  select-object select where-object where ? foreach-object % sort-object sort group-object group measure-object measure compare-object compare format-table ft
  format-list fl format-wide fw format-custom fc out-string out-host oh out-null out-default write-output echo write write-host write-error write-warning
  write-verbose write-debug write-information write-progress convertto-json convertfrom-json convertto-csv convertfrom-csv convertto-xml convertto-html
  convertfrom-stringdata convertfrom-markdown select-string sls measure-command start-sleep sleep new-timespan read-host clear-host cls get-error
  if elseif else switch foreach for while do until try catch finally trap return break continue exit param function filter begin process end throw in
  class enum data dynamicparam`.split(/\s+/),
);

/** .NET types whose static members only compute. */
const SAFE_TYPES = new Set(
  `int int32 int64 long uint32 uint64 short byte sbyte string char bool boolean double decimal float single datetime timespan math convert guid
  regex version array hashtable ordered pscustomobject psobject text.encoding io.path environment uri bitconverter stringbuilder text.stringbuilder timezoneinfo
  cultureinfo globalization.cultureinfo net.dns net.ipaddress ipaddress bigint numerics.biginteger char[] string[] int[] byte[] object object[] void`.split(
    /\s+/,
  ),
);

/** `ForEach-Object { … }` or `-Process { … }`: a script block, not a member name to call. */
function scriptBlockFollows(tokens: CheckContext['tokens'], i: number): boolean {
  const next = tokens[i + 1];
  return next?.text === '{' || (next?.text === '-' && /^(process|begin|end)$/i.test(tokens[i + 2]?.value ?? ''));
}

const COMMAND_START = new Set(['|', ';', '{', '(', '&&', '||', '=', '@(', '$(']);

function check(ctx: CheckContext): void {
  const { tokens, problem } = ctx;
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const atStart =
      i === 0 ||
      t.newline ||
      (prev !== undefined && (COMMAND_START.has(prev.text) || (prev.kind === 'punct' && prev.text === '$' && t.text === '(')));
    if (atStart && t.kind === 'punct' && (t.text === '&' || (t.text === '.' && next !== undefined && next.kind !== 'number')))
      problem(`${t.text}: the call operator runs whatever it is given`);
    else if (atStart && t.kind === 'name' && !t.sigil) {
      const command = t.value.toLowerCase().replace(/^.*\\/, '');
      if (!READ_COMMANDS.has(command)) problem(`${t.value}: a command the analyser does not judge inside PowerShell`);
      else if ((command === 'foreach-object' || command === '%') && next && !scriptBlockFollows(tokens, i))
        problem(`${t.value} with a member name calls that method on every object`);
    } else if (atStart && t.kind === 'punct' && t.text === '%' && next?.text !== '{')
      problem('% with a member name calls that method on every object');
    if (t.kind === 'punct' && (t.text === '>' || t.text === '>>') && !(next?.kind === 'name' && next.sigil && /^null$/i.test(next.value)))
      problem('redirection to a file');
    if (t.kind === 'name' && t.sigil && /^(executioncontext|function:.*|host)$/i.test(t.value))
      problem(`$${t.value}: reaches the engine that runs commands`);
    if (t.text === '[') {
      let j = i + 1;
      let type = '';
      while (tokens[j] && tokens[j]!.text !== ']' && j - i < 12) type += tokens[j++]!.text;
      if (tokens[j]?.text === ']' && tokens[j + 1]?.text === '::' && !SAFE_TYPES.has(type.toLowerCase().replace(/^system\./, '')))
        problem(`[${type}]:: a .NET type whose members may act`);
    }
  });
}

export const POWERSHELL: CapabilityTable = {
  globals: {},
  members: {},
  strict: [],
  methods: each(
    '',
    `delete moveto copyto kill start invoke invokemember invokescript newscriptblock create createtext createsubdirectory uploadstring uploadfile uploaddata
    uploadvalues downloadfile writealltext writeallbytes writealllines appendalltext appendalllines setattributes setaccesscontrol encrypt decrypt
    setenvironmentvariable invokereturnasis`,
    BLOCK,
  ),
  check,
  normalize: (name) => name.toLowerCase(),
};
