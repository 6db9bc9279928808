/** The kubectl command tree Pilothouse implements. */
import type { Command } from './command';
import { applyCommand } from './cmd/apply';
import { createCommand, runCommand } from './cmd/create';
import { deleteCommand } from './cmd/delete';
import { describeCommand } from './cmd/describe';
import { getCommand } from './cmd/get';
import { apiResourcesCommand, apiVersionsCommand, authCommand, clusterInfoCommand, configCommand, versionCommand } from './cmd/info';
import { annotateCommand, labelCommand } from './cmd/metadata';
import { cordonCommand, drainCommand, taintCommand, uncordonCommand } from './cmd/node';
import { editCommand, eventsCommand, execCommand, explainCommand, logsCommand } from './cmd/troubleshoot';
import { topCommand } from './cmd/top';
import { waitCommand } from './cmd/wait';
import { autoscaleCommand } from './cmd/set';
import { exposeCommand, rolloutCommand, scaleCommand, setCommand } from './cmd/workload';
import { patchCommand, replaceCommand } from './cmd/patch';

export const COMMANDS: Command[] = [
  createCommand,
  exposeCommand,
  runCommand,
  setCommand,
  explainCommand,
  getCommand,
  editCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  clusterInfoCommand,
  topCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  describeCommand,
  logsCommand,
  execCommand,
  authCommand,
  eventsCommand,
  applyCommand,
  patchCommand,
  replaceCommand,
  waitCommand,
  autoscaleCommand,
  labelCommand,
  annotateCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  configCommand,
  versionCommand,
];
