package dev.eoc.dl4j.spark;

import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.PropagationListener;
import dev.eoc.dl4j.PropagationProbe;
import java.util.UUID;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of Spark monitoring: a DL4J {@link RoutingIterationListener} that, on each
 * worker's copy of the network, measures what eoc-dl4j's {@link PropagationListener} measures (q_l,
 * c_l and the mean-field theory for the copy's actual weights, Poole et al. 2016; Schoenholz et al.
 * 2017) every {@code interval} iterations and sends it, with every iteration's loss, to the storage
 * router DL4J's training worker gives it. It judges nothing: its copy lives for one averaging
 * round, so the history a verdict needs is kept on the driver ({@link SparkPropagationMonitor}).
 *
 * <p>Serializable with plain fields (the probe inputs as a float array), so Spark's closure
 * serializer ships it; the ND4J arrays and the probe are rebuilt on the executor. Reports are taken
 * in {@code onGradientCalculation}, before the update, labelled with the network's update count,
 * which DL4J's parameter-averaging master carries across rounds in the configuration; iteration 0
 * is the network at initialization. It never throws into training: a failing report sends its
 * reason to the driver once and stops this copy's reports.
 *
 * <p>Use {@link SparkPropagationMonitor#attach} rather than this class directly: it gives the
 * listener and the driver's monitor the same session.
 */
public final class SparkPropagationListener extends BaseTrainingListener
        implements RoutingIterationListener {

    private static final long serialVersionUID = 1L;

    /** Default report interval in iterations, as eoc-dl4j's single-machine listener. */
    public static final int DEFAULT_INTERVAL = PropagationListener.DEFAULT_INTERVAL;

    private static final Logger LOG = LoggerFactory.getLogger(SparkPropagationListener.class);

    private final float[] probeValues;
    private final long[] probeShape;
    private final int interval;
    private String sessionId;
    private String workerId;
    private StatsStorageRouter router;

    private transient ProbeSet probe;
    private transient PropagationProbe signalProbe;
    private transient Model probedModel;
    private transient boolean disabled;
    private transient boolean warnedUnrouted;

    private SparkPropagationListener(
            float[] probeValues, long[] probeShape, int interval, String sessionId) {
        this.probeValues = probeValues;
        this.probeShape = probeShape;
        this.interval = interval;
        this.sessionId = sessionId;
    }

    /**
     * A listener reporting every {@code interval} iterations on {@code probe}, in a new session.
     *
     * @throws IllegalArgumentException when the probe is missing or the interval below 1
     */
    public static SparkPropagationListener of(ProbeSet probe, int interval) {
        if (probe == null) {
            throw new IllegalArgumentException("a probe set is required (e.g. ProbeSet.pairsFrom)");
        }
        if (interval < 1) {
            throw new IllegalArgumentException("report interval must be >= 1, got " + interval);
        }
        return new SparkPropagationListener(
                probe.inputs().castTo(DataType.FLOAT).data().asFloat(),
                probe.inputs().shape(),
                interval,
                UUID.randomUUID().toString());
    }

    /** Iterations between reports. */
    public int interval() {
        return interval;
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (disabled) {
            return;
        }
        if (router == null) {
            if (!warnedUnrouted) {
                warnedUnrouted = true;
                LOG.warn(
                        "SparkPropagationListener has no storage router, so its reports go"
                                + " nowhere: attach it with SparkPropagationMonitor.attach(sparkNet,"
                                + " probe, interval), which routes them to the driver");
            }
            return;
        }
        long iteration = PropagationProbe.iterationOf(model);
        double loss = model.score();
        if (iteration % interval != 0) {
            router.putUpdate(PropagationUpdate.loss(sessionId, workerId, iteration, loss));
            return;
        }
        try {
            PropagationProbe p = probeFor(model);
            PropagationSnapshot s = p.measure(model, probe(), iteration, p.gradientNorms(model));
            router.putUpdate(PropagationUpdate.report(sessionId, workerId, loss, p.classes(), s));
        } catch (RuntimeException e) {
            disabled = true;
            LOG.warn(
                    "signal-propagation reports of worker {} stop at iteration {}, training goes on:"
                            + " {}",
                    workerId,
                    iteration,
                    e.toString(),
                    e);
            router.putUpdate(
                    PropagationUpdate.failure(sessionId, workerId, iteration, e.toString()));
        }
    }

    private ProbeSet probe() {
        if (probe == null) {
            probe = new ProbeSet(Nd4j.create(probeValues, probeShape, 'c'));
        }
        return probe;
    }

    private PropagationProbe probeFor(Model model) {
        if (model != probedModel) {
            signalProbe = PropagationProbe.of(model);
            probedModel = model;
        }
        return signalProbe;
    }

    @Override
    public void setStorageRouter(StatsStorageRouter router) {
        this.router = router;
    }

    @Override
    public StatsStorageRouter getStorageRouter() {
        return router;
    }

    @Override
    public void setWorkerID(String workerId) {
        this.workerId = workerId;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public void setSessionID(String sessionId) {
        this.sessionId = sessionId;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    /** A copy with the same probe, interval, session, worker and router, and no measuring state. */
    @Override
    public SparkPropagationListener clone() {
        SparkPropagationListener copy =
                new SparkPropagationListener(probeValues, probeShape, interval, sessionId);
        copy.workerId = workerId;
        copy.router = router;
        return copy;
    }
}
