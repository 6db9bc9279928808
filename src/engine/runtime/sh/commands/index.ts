/** Every utility the interpreter implements, by command name. Images choose which of them they ship. */
import type { Program } from '../context';
import { fileUtilities } from './files';
import { systemUtilities } from './system';
import { curl, nslookup, wget } from './network';

export const utilities: Record<string, Program> = {
  ...fileUtilities,
  ...systemUtilities,
  nslookup,
  wget,
  curl,
};

/** Applets a busybox binary provides (as /bin/<name> links), among those implemented. */
export const BUSYBOX_APPLETS = [
  'cat', 'ls', 'touch', 'mkdir', 'rm', 'head', 'tail', 'wc', 'grep', 'tee', 'sort', 'uniq', 'tr', 'cut', 'basename',
  'dirname', 'sleep', 'date', 'env', 'printenv', 'hostname', 'echo', 'printf', 'test', '[', 'expr', 'seq', 'kill',
  'true', 'false', 'pwd', 'id', 'whoami', 'uname', 'nslookup', 'wget',
];

/** What a Debian or Ubuntu base image has: coreutils, grep, hostname, procps-less. No wget, curl or nslookup. */
export const DEBIAN_TOOLS = [
  'cat', 'ls', 'touch', 'mkdir', 'rm', 'head', 'tail', 'wc', 'grep', 'tee', 'sort', 'uniq', 'tr', 'cut', 'basename',
  'dirname', 'sleep', 'date', 'env', 'printenv', 'hostname', 'echo', 'printf', 'test', '[', 'expr', 'seq', 'kill',
  'true', 'false', 'pwd', 'id', 'whoami', 'uname',
];
