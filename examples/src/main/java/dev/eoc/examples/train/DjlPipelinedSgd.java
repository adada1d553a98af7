package dev.eoc.examples.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.jni.JniUtils;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.djl.ActivationBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Plain SGD steps on a DJL MLP ({@code Linear, activation, ..., Linear}, softmax cross-entropy)
 * with the backward pass written out and split over two PyTorch workers, each running its
 * operations on one thread.
 *
 * <p>The update is exactly SGD on the mean loss of the batch: with {@code g_L = (softmax(z_L) -
 * onehot(y)) * lr / B} and, going down, {@code g_{l-1} = phi'(z_{l-1}) * (g_l W_l)}, every layer
 * gets {@code W_l -= g_l^T a_{l-1}} and {@code b_l -= sum_rows g_l} (a_{-1} = x). The learning rate
 * is folded into g_L, so the weight gradient is never scaled on its own. phi' is computed from the
 * activation's output: {@code 1 - a^2} (tanh), {@code a > 0} (ReLU), {@code min(a, 0) + 1} (ELU
 * with alpha = 1). For tanh the factor {@code a^2 - 1} is used and the sign carried along.
 *
 * <p>Why two workers: on the paper's network (width 300, batch 64) every operation is small (a 64 x
 * 300 x 300 product is ~60 us on one core), so PyTorch's own intra-op threads spend much of their
 * time waking each other, and DJL's autograd adds transposes, copies, gradient accumulation and a
 * separate optimizer pass over all 18 M weights. Here the "chain" worker runs the forward pass and
 * the input-gradient products {@code g_l W_l}, while the "update" worker computes each {@code g_l^T
 * a_{l-1}} and updates layer l as soon as the chain has used W_l. Both work on one core each, so
 * the two products of the backward pass run side by side. Measured in docs/BENCHMARKS.md; equality
 * with DJL's Trainer is tested (DjlPipelinedSgdTest).
 *
 * <p>With BatchNorm after every hidden Linear layer (the paper's EOC + BN network: {@code Linear,
 * BatchNorm, activation}) the forward pass is DJL's BatchNorm in training mode written out (batch
 * statistics; the running mean and variance updated as the Trainer updates them), and the backward
 * pass goes through it by hand (Ioffe &amp; Szegedy 2015, section 3): with x^ = (z - mu) / sqrt(var
 * + eps) over the batch, upstream g_y, {@code gamma -= sum g_y x^}, {@code beta -= sum g_y} and
 * {@code g_z = gamma / sqrt(var + eps) / B (B g_y - sum g_y - x^ sum g_y x^)}; the sums are over
 * the batch's rows and all of it is linear in g_y, so the tanh sign trick carries through.
 *
 * <p>Only for CPU and tanh, ReLU or ELU(1) hidden layers ({@link #forNetwork} returns empty
 * otherwise, and the caller uses DJL's Trainer).
 */
final class DjlPipelinedSgd implements AutoCloseable {

    /** Elements of the array whose addition makes PyTorch initialize a worker's threading. */
    private static final int WARM_UP_ELEMENTS = 1 << 17;

    private final List<NDArray> weights;
    private final List<NDArray> biases;

    /** One per hidden layer, or empty without BatchNorm. */
    private final List<Norm> batchNorms;

    /** The hidden layers' activation (null without hidden layers). */
    private final Derivative hidden;

    private final float learningRate;
    private final NDManager constants;
    private final NDArray one;
    private final NDArray zero;
    private final ExecutorService chain;
    private final ExecutorService update;
    private final int restoreThreads;

    /** What a step computed before its update. */
    /**
     * The step's logits (before the update), mean loss, and, when asked for, |dL/dW_l|_2 of the
     * mean loss per Linear layer in order (null otherwise).
     */
    record Output(NDArray logits, float loss, double[] gradientNorms) {}

    /** phi'(z) times an upstream gradient, from the activation's output a = phi(z). */
    private enum Derivative {
        TANH(true),
        RELU(false),
        ELU(false);

        /** Whether {@link #times} returns minus phi'(z) * upstream. */
        final boolean negates;

        Derivative(boolean negates) {
            this.negates = negates;
        }

        /** a = phi(z), exactly as DJL's activation block computes it. */
        NDArray activate(NDArray z) {
            return switch (this) {
                case TANH -> z.tanh();
                case RELU -> ai.djl.nn.Activation.relu(z);
                case ELU -> ai.djl.nn.Activation.elu(z, 1f);
            };
        }

        NDArray times(NDArray a, NDArray upstream, NDArray one, NDArray zero) {
            return switch (this) {
                case TANH -> a.square().subi(one).muli(upstream);
                case RELU -> a.sign().muli(upstream);
                case ELU -> a.minimum(zero).addi(one).muli(upstream);
            };
        }

        static Optional<Derivative> of(ActivationFunction a) {
            String spec = a.spec();
            if (spec.equals(Activations.tanh().spec())) {
                return Optional.of(TANH);
            }
            if (spec.equals(Activations.relu().spec())) {
                return Optional.of(RELU);
            }
            if (spec.equals(Activations.elu(1).spec())) {
                return Optional.of(ELU);
            }
            return Optional.empty();
        }
    }

    /**
     * A hidden layer's BatchNorm: its parameters and running statistics (DJL's arrays, updated in
     * place), its settings, and what the backward pass needs of the current batch.
     */
    private static final class Norm {
        final NDArray gamma;
        final NDArray beta;
        final NDArray runningMean;
        final NDArray runningVar;
        final float momentum;
        final float epsilon;
        NDArray normalized;
        NDArray inverseStd;

        Norm(BatchNorm bn, float momentum, float epsilon) {
            this.gamma = bn.getParameters().get("gamma").getArray();
            this.beta = bn.getParameters().get("beta").getArray();
            this.runningMean = bn.getParameters().get("runningMean").getArray();
            this.runningVar = bn.getParameters().get("runningVar").getArray();
            this.momentum = momentum;
            this.epsilon = epsilon;
        }

        /**
         * y = gamma x^ + beta with batch statistics, keeping x^ and 1/std for the backward pass,
         * and the running statistics updated as PyTorch's batch_norm does: running = momentum
         * running + (1 - momentum) batch, the variance unbiased (B / (B - 1)). Written out rather
         * than through DJL's {@code BatchNorm.batchNorm}, which on a worker thread without autograd
         * left a batch-sized array per layer and step behind (15 MB per step here).
         */
        NDArray forward(NDManager step, NDArray z) {
            long rows = z.getShape().get(0);
            try (NDArray mean = z.mean(new int[] {0});
                    NDArray centred = z.sub(mean);
                    NDArray square = centred.square();
                    NDArray variance = square.mean(new int[] {0})) {
                inverseStd = variance.add(epsilon).pow(-0.5f);
                inverseStd.attach(step);
                normalized = centred.mul(inverseStd);
                normalized.attach(step);
                try (NDArray m = mean.mul(1 - momentum);
                        NDArray v = variance.mul((1 - momentum) * rows / (rows - 1.0))) {
                    runningMean.muli(momentum).addi(m);
                    runningVar.muli(momentum).addi(v);
                }
            }
            NDArray y = normalized.mul(gamma).addi(beta);
            y.attach(step);
            return y;
        }

        /**
         * g_z from g_y (both scaled by lr / B and possibly negated), updating gamma and beta: gamma
         * -= sum g_y x^, beta -= sum g_y (+= when negated).
         */
        NDArray backward(NDManager step, NDArray gy, boolean negated) {
            long rows = gy.getShape().get(0);
            NDArray dBeta = gy.sum(new int[] {0});
            NDArray dGamma = gy.mul(normalized).sum(new int[] {0});
            NDArray gz;
            try (NDArray shift = normalized.mul(dGamma);
                    NDArray scale = gamma.mul(inverseStd)) {
                gz = gy.mul(rows).subi(dBeta).subi(shift).muli(scale.divi(rows));
            }
            gz.attach(step);
            subtract(gamma, dGamma, negated);
            subtract(beta, dBeta, negated);
            dBeta.close();
            dGamma.close();
            return gz;
        }
    }

    private DjlPipelinedSgd(
            List<NDArray> weights,
            List<NDArray> biases,
            List<Norm> norms,
            Derivative hidden,
            float learningRate,
            NDManager parent) {
        this.weights = weights;
        this.biases = biases;
        this.batchNorms = norms;
        this.hidden = hidden;
        this.learningRate = learningRate;
        this.constants = parent.newSubManager();
        this.one = constants.create(1f);
        this.zero = constants.create(0f);
        this.restoreThreads = JniUtils.getNumThreads();
        this.chain = Executors.newSingleThreadExecutor(r -> worker(r, "eoc-sgd-chain"));
        this.update = Executors.newSingleThreadExecutor(r -> worker(r, "eoc-sgd-update"));
        try {
            await(chain.submit(() -> prepareWorkerThread(constants)));
            await(update.submit(() -> prepareWorkerThread(constants)));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The pipelined step for an initialized plain network ({@code Linear, activation, ...,
     * Linear}), or empty when the network is not such a stack on the CPU with one supported
     * activation.
     */
    static Optional<DjlPipelinedSgd> forNetwork(
            SequentialBlock net, double learningRate, NDManager manager) {
        return forNetwork(net, learningRate, manager, Float.NaN, Float.NaN);
    }

    /**
     * As {@link #forNetwork(SequentialBlock, double, NDManager)}, and for {@code Linear, BatchNorm,
     * activation} hidden layers whose BatchNorms were built with this momentum and epsilon (DJL's
     * block does not expose them; NaN: no BatchNorm expected).
     */
    static Optional<DjlPipelinedSgd> forNetwork(
            SequentialBlock net,
            double learningRate,
            NDManager manager,
            float batchNormMomentum,
            float batchNormEpsilon) {
        if (!manager.getDevice().equals(Device.cpu())
                || !"PyTorch".equals(manager.getEngine().getEngineName())) {
            return Optional.empty();
        }
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> biases = new ArrayList<>();
        List<Norm> norms = new ArrayList<>();
        boolean withNorm = !Float.isNaN(batchNormMomentum);
        ActivationFunction hiddenActivation = null;
        Derivative hidden = null;
        boolean expectLinear = true;
        boolean expectNorm = false;
        for (Block child : net.getChildren().values()) {
            if (expectNorm) {
                if (!(child instanceof BatchNorm bn)) {
                    return Optional.empty();
                }
                norms.add(new Norm(bn, batchNormMomentum, batchNormEpsilon));
                expectNorm = false;
                continue;
            }
            if (!withNorm && child instanceof BatchNorm) {
                return Optional.empty();
            }
            if (expectLinear && child instanceof Linear linear) {
                Parameter bias = linear.getParameters().get("bias");
                if (bias == null) {
                    return Optional.empty();
                }
                weights.add(linear.getParameters().get("weight").getArray());
                biases.add(bias.getArray());
                expectNorm = withNorm && weights.size() > 0;
            } else if (!expectLinear && child instanceof ActivationBlock act) {
                Optional<Derivative> d = Derivative.of(act.activation());
                if (d.isEmpty()
                        || (hiddenActivation != null
                                && !hiddenActivation.equals(act.activation()))) {
                    return Optional.empty();
                }
                hiddenActivation = act.activation();
                hidden = d.get();
            } else {
                return Optional.empty();
            }
            expectLinear = !expectLinear;
        }
        // the output Linear has no BatchNorm after it: the loop then still expected one
        if (withNorm) {
            if (!expectNorm || norms.size() != weights.size() - 1) {
                return Optional.empty();
            }
        } else if (expectLinear) {
            return Optional.empty();
        }
        if (weights.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new DjlPipelinedSgd(weights, biases, norms, hidden, (float) learningRate, manager));
    }

    /**
     * One SGD step on a batch: forward pass, loss, backward pass and update of every weight and
     * bias in place. The returned logits (attached to {@code step}) are those before the update.
     *
     * @param x inputs, rows x features
     * @param labels class of every row
     */
    Output step(NDManager step, NDArray x, int[] labels) {
        return step(step, x, labels, false);
    }

    /**
     * One SGD step, also measuring every layer's weight-gradient norm when {@code gradientNorms}
     * (one extra norm per layer, for the signal-propagation listener's reports).
     */
    Output step(NDManager step, NDArray x, int[] labels, boolean gradientNorms) {
        int layers = weights.size();
        NDArray[] norms = gradientNorms ? new NDArray[layers] : null;
        NDArray[] inputs = new NDArray[layers];
        NDArray onehot = oneHot(step, labels, weights.get(layers - 1).getShape().get(0));
        Output out = await(chain.submit(() -> forward(step, x, onehot, inputs)));
        BlockingQueue<Update> queue = new LinkedBlockingQueue<>();
        Future<?> updates =
                update.submit(
                        () -> {
                            applyUpdates(queue, inputs, norms);
                            return null;
                        });
        Future<?> backward =
                chain.submit(
                        () -> {
                            try {
                                backward(step, out.logits(), onehot, inputs, queue, norms);
                            } finally {
                                queue.add(Update.END);
                            }
                        });
        await(backward);
        await(updates);
        return new Output(out.logits(), out.loss(), norms == null ? null : values(norms));
    }

    /** The norms' values in one copy, divided by lr (g_l carries the factor lr / rows). */
    private double[] values(NDArray[] norms) {
        try (NDArray all = NDArrays.stack(new NDList(norms))) {
            float[] v = all.toFloatArray();
            double[] out = new double[v.length];
            for (int l = 0; l < v.length; l++) {
                double n = v[l] / learningRate;
                out[l] = Double.isNaN(n) ? Double.POSITIVE_INFINITY : n;
            }
            return out;
        } finally {
            for (NDArray n : norms) {
                n.close();
            }
        }
    }

    private Output forward(NDManager step, NDArray x, NDArray onehot, NDArray[] inputs) {
        NDArray a = x;
        NDArray z = null;
        for (int l = 0; l < weights.size(); l++) {
            inputs[l] = a;
            z = Linear.linear(a, weights.get(l), biases.get(l)).singletonOrThrow();
            z.attach(step);
            if (l < weights.size() - 1) {
                a = hidden.activate(batchNorms.isEmpty() ? z : batchNorms.get(l).forward(step, z));
                a.attach(step);
            }
        }
        long rows = onehot.getShape().get(0);
        float loss = -z.logSoftmax(1).muli(onehot).sum().getFloat() / rows;
        return new Output(z, loss, null);
    }

    private void backward(
            NDManager step,
            NDArray logits,
            NDArray onehot,
            NDArray[] inputs,
            BlockingQueue<Update> queue,
            NDArray[] norms) {
        long rows = onehot.getShape().get(0);
        NDArray g = logits.softmax(1).subi(onehot).muli(learningRate / rows);
        g.attach(step);
        boolean negated = false;
        for (int l = weights.size() - 1; l >= 0; l--) {
            NDArray upstream = l > 0 ? g.matMul(weights.get(l)) : null;
            queue.add(new Update(l, g, negated)); // W_l is no longer needed by the chain
            try (NDArray gb = g.sum(new int[] {0})) {
                subtract(biases.get(l), gb, negated);
            }
            if (l > 0) {
                g = hidden.times(inputs[l], upstream, one, zero);
                g.attach(step);
                upstream.close();
                negated ^= hidden.negates;
                if (!batchNorms.isEmpty()) {
                    g = batchNorms.get(l - 1).backward(step, g, negated);
                }
            }
        }
        // the update worker lags behind: share the layers it has not reached yet
        for (Update u = queue.poll(); u != null; u = queue.poll()) {
            updateWeight(u, inputs, norms);
        }
    }

    private void applyUpdates(BlockingQueue<Update> queue, NDArray[] inputs, NDArray[] norms)
            throws InterruptedException {
        for (Update u = queue.take(); u != Update.END; u = queue.take()) {
            updateWeight(u, inputs, norms);
        }
    }

    /**
     * W_l -= g_l^T a_{l-1} (+= when g_l is negated); with {@code norms}, keeps |g_l^T a_{l-1}|
     * (read after the step, so that the worker never waits for a copy).
     */
    private void updateWeight(Update u, NDArray[] inputs, NDArray[] norms) {
        try (NDArray gw = u.g().transpose().matMul(inputs[u.layer()])) {
            if (norms != null) {
                norms[u.layer()] = gw.norm();
            }
            subtract(weights.get(u.layer()), gw, u.negated());
        }
    }

    private static void subtract(NDArray target, NDArray delta, boolean negated) {
        if (negated) {
            target.addi(delta);
        } else {
            target.subi(delta);
        }
    }

    private static NDArray oneHot(NDManager m, int[] labels, long classes) {
        float[] v = new float[Math.toIntExact(labels.length * classes)];
        for (int i = 0; i < labels.length; i++) {
            v[Math.toIntExact(i * classes + labels[i])] = 1f;
        }
        return m.create(v, new Shape(labels.length, classes));
    }

    /** One layer's scaled gradient g_l (negated when {@code negated}) for the update worker. */
    private record Update(int layer, NDArray g, boolean negated) {
        static final Update END = new Update(-1, null, false);
    }

    /**
     * Makes the calling worker thread run PyTorch operations without autograd on one thread.
     * PyTorch initializes a thread's OpenMP/MKL thread count from the global setting on the
     * thread's first parallel operation, so that operation runs first; {@code setNumThreads} then
     * sets this thread's count (and the global one, which {@link #close} restores).
     */
    private static Void prepareWorkerThread(NDManager m) {
        JniUtils.setGradMode(false);
        try (NDManager t = m.newSubManager()) {
            t.ones(new Shape(WARM_UP_ELEMENTS)).addi(1f);
        }
        JniUtils.setNumThreads(1);
        return null;
    }

    private static Thread worker(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during an SGD step", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("SGD step failed: " + c, c);
        }
    }

    @Override
    public void close() {
        try {
            if (!update.isShutdown()) {
                update.submit(() -> JniUtils.setNumThreads(restoreThreads)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            // the global thread count stays at 1 for threads created later; nothing is lost
        }
        chain.shutdownNow();
        update.shutdownNow();
        constants.close();
    }
}
