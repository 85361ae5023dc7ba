// bench/cdk8s/synth.mjs - the cdk8s-plus peer of the benchmark
// (docs/benchmarks.md): the benchmark stack written the way a cdk8s-plus
// user would write it, from the records of bench/gen.py (stack-N.json).
//
//   node synth.mjs stack-N.json OUTDIR
//
// bench/run.sh installs cdk8s, cdk8s-plus-33 and constructs (versions in
// package.json) into build/bench/cdk8s/ and runs this from there.
// cdk8s-plus adds defaults of its own (security contexts, resource
// defaults, selector labels), so its manifests are larger than todokc's:
// same components, same wiring, not the same bytes.
import { readFileSync } from 'node:fs';
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';

const [file, outdir] = process.argv.slice(2);
const comps = JSON.parse(readFileSync(file, 'utf8'));
const stack = 'bench';

const app = new App({ outdir });
const chart = new Chart(app, stack, {
  labels: { 'app.kubernetes.io/part-of': stack, 'app.kubernetes.io/managed-by': 'cdk8s' },
});

const secret = new kplus.Secret(chart, 'app-secrets', {
  metadata: { name: `${stack}-app-secrets` },
  stringData: { DB_PASSWORD: 'bench-db-password', API_KEY: 'sk-bench-api-key' },
});
const byName = new Map(comps.map((c) => [c.name, c]));
const serviceName = (c) => `${stack}-${c.name}-service`;
const config = new kplus.ConfigMap(chart, 'app-config', {
  metadata: { name: `${stack}-app-config` },
  data: {
    LOG_LEVEL: 'info',
    LISTEN_PORT: '8080',
    API_URL: `http://${serviceName(byName.get('svc-2'))}:8000`,
    DB_HOST: serviceName(byName.get('db-1')),
  },
});
const dbHost = serviceName(byName.get('db-1'));
const secretEnv = (key) => kplus.EnvValue.fromSecretValue({ secret, key });

const waitContainer = (t) => {
  const host = serviceName(t);
  const check = t.stateful
    ? `nc -z -w 2 ${host} ${t.port}`
    : `wget -q -T 2 -O /dev/null 'http://${host}:${t.port}/ready'`;
  const what = t.stateful ? `'${host}:${t.port}'` : `'http://${host}:${t.port}/ready'`;
  return {
    name: `wait-for-${t.name}`,
    image: 'busybox:1.36.1',
    command: ['sh', '-c', `until ${check}; do echo waiting for ${what}; sleep 2; done`],
    resources: {
      cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(50) },
      memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
    },
  };
};

for (const c of comps) {
  const workloadName = `${stack}-${c.name}`;
  if (c.stateful) {
    const service = new kplus.Service(chart, `${c.name}-service`, {
      metadata: { name: serviceName(c) },
      ports: [{ port: c.port, targetPort: c.port }],
    });
    const set = new kplus.StatefulSet(chart, c.name, {
      metadata: { name: workloadName },
      service,
      replicas: 1,
      containers: [{
        name: c.name,
        image: c.image,
        portNumber: c.port,
        envVariables: {
          POSTGRES_DB: kplus.EnvValue.fromValue('app'),
          POSTGRES_PASSWORD: secretEnv('DB_PASSWORD'),
        },
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
          memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
        },
        readiness: kplus.Probe.fromTcpSocket({ port: c.port }),
        volumeMounts: [{ path: '/var/lib/postgresql/data', volume: kplus.Volume.fromName(chart, `${c.name}-data`, 'data') }],
      }],
      volumeClaimTemplates: [{
        name: 'data',
        storage: Size.gibibytes(10),
        accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      }],
    });
    continue;
  }
  const deployment = new kplus.Deployment(chart, c.name, {
    metadata: { name: workloadName },
    replicas: c.autoscaled ? undefined : c.replicas,
    initContainers: c.after.map((a) => waitContainer(byName.get(a))),
    containers: [{
      name: c.name,
      image: `registry.example.com/bench/${c.name}:1.0.0`,
      portNumber: c.port,
      envFrom: [kplus.Env.fromConfigMap(config), kplus.Env.fromSecret(secret)],
      envVariables: {
        DB_PASSWORD: secretEnv('DB_PASSWORD'),
        DATABASE_URL: kplus.EnvValue.fromValue(`postgresql://app:$(DB_PASSWORD)@${dbHost}:5432/app`),
        API_KEY: secretEnv('API_KEY'),
        SERVICE_NAME: kplus.EnvValue.fromValue(c.name),
        SHARD: kplus.EnvValue.fromValue(String(c.i % 16)),
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
      },
      liveness: kplus.Probe.fromHttpGet('/health'),
      readiness: kplus.Probe.fromHttpGet('/ready'),
    }],
  });
  deployment.exposeViaService({
    name: serviceName(c),
    serviceType: c.nodeport ? kplus.ServiceType.NODE_PORT : kplus.ServiceType.CLUSTER_IP,
    ports: [{ port: c.port, targetPort: c.port }],
  });
  if (c.autoscaled) {
    new kplus.HorizontalPodAutoscaler(chart, `${c.name}-hpa`, {
      metadata: { name: workloadName },
      target: deployment,
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
    });
  }
}

app.synth();
