package dev.eoc.examples.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.djl.EocActivations;
import dev.eoc.djl.EocInit;
import dev.eoc.djl.EocInitOptions;
import dev.eoc.djl.PropagationProbe;
import dev.eoc.djl.ResidualBlock;
import dev.eoc.examples.train.Architecture;

/** {@link FrameworkProbe} for DJL (PyTorch engine), built on eoc-djl. */
final class DjlProbe implements FrameworkProbe {

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public PropagationSnapshot propagate(
            String activationSpec,
            Architecture arch,
            int width,
            int depth,
            InitVariances variances,
            long seed,
            float[][] inputs) {
        SequentialBlock net = new SequentialBlock();
        if (arch.residual()) {
            net.add(Linear.builder().setUnits(width).build());
            for (int l = 1; l < depth; l++) {
                net.add(
                        ResidualBlock.of(
                                new SequentialBlock()
                                        .add(EocActivations.of(activationSpec))
                                        .add(Linear.builder().setUnits(width).build()),
                                arch.branchScale()));
            }
        } else {
            for (int l = 0; l < depth; l++) {
                net.add(Linear.builder().setUnits(width).build())
                        .add(EocActivations.of(activationSpec));
            }
        }
        EocInit.apply(
                net, EocInitOptions.withSeed(seed).at(variances.sigmaB(), variances.sigmaW()));
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(inputs.length, width));
            NDArray x = manager.create(inputs);
            return PropagationProbe.of(net).measure(x, 0, false);
        }
    }
}
