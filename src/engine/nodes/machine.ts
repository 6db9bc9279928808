/**
 * One machine of the cluster: the container host with its containerd image store and disk, and the kubelet
 * running on it. The kubelet can die and come back (`stopKubelet`/`startKubelet`); the whole machine can be
 * powered off (containers gone, images and disk kept) and on again (a new boot, a fresh kubelet).
 */
import type { Engine } from '../engine';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import { HostDisk, ImageStore, Kubelet } from '../kubelet';
import type { RuntimeHost } from '../runtime/host';
import { preloadedConfigs, preloadedImage } from './preloaded-images';
import { controlPlaneManifests } from './static-pods';
import type { NodeSpec } from './topology';

export interface MachineOptions {
  runtimeHost?: RuntimeHost;
}

export class Machine {
  readonly images = new ImageStore();
  readonly disk = new HostDisk();
  private bootCount = 0;
  private current?: Kubelet;
  private powered = false;

  constructor(
    private readonly engine: Engine,
    private readonly endpoint: ApiEndpoint,
    private readonly registry: ResourceRegistry,
    readonly spec: NodeSpec,
    private readonly options: MachineOptions = {},
  ) {
    for (const image of preloadedConfigs()) this.images.add(image);
  }

  get name(): string {
    return this.spec.name;
  }

  get isOn(): boolean {
    return this.powered;
  }

  /** The kubelet of the current boot (undefined while powered off). */
  get kubelet(): Kubelet | undefined {
    return this.current;
  }

  powerOn(): void {
    if (this.powered) return;
    this.powered = true;
    this.bootCount++;
    this.current = new Kubelet(this.engine, this.endpoint, this.registry, {
      spec: this.spec,
      imageStore: this.images,
      disk: this.disk,
      staticPods: this.spec.role === 'control-plane' ? controlPlaneManifests(this.spec) : [],
      preloadedImage,
      runtimeHost: this.options.runtimeHost,
      bootCount: this.bootCount,
    });
    this.current.start();
  }

  powerOff(): void {
    if (!this.powered) return;
    this.powered = false;
    this.current?.powerOff();
    this.current = undefined;
  }

  stopKubelet(): void {
    this.current?.stop();
  }

  startKubelet(): void {
    this.current?.start();
  }
}
