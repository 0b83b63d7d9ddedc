"""A picture's moment: the names, values and gradients of the tensors a graph shows,
copied at one time.

A live view stands under the cell that drew it. Later cells may rebind its names
(``x = torch.arange(4.0)``), change its tensors in place, or run another graph's backward
pass into the same leaves; the view must go on showing what its cell showed. So each
picture is drawn from a ``Moment``: redrawn in the other language, or in the other view,
it shows the same names and the same numbers, whatever happened to the tensors since.

    graph = viz.model(z, names=names)
    moment = viz.Moment(graph, names)          # copied now
    viz.draw(z, at=moment)                     # later: the same picture as then

A tensor that the moment did not see (a node only the other view has) is read as it is
now.
"""
from ..autograd.graph import grad_of, values
from .names import tensor_names


class Moment:
    def __init__(self, graph, names=None):
        names = tensor_names(names if names is not None else {})
        self.data, self.grads, self.tensors, self.retained = {}, {}, {}, set()
        shown = []
        for node in graph.ordered():  # the order of the code: x, y, w, a, z
            value = node.value
            if node.kind != "variable" or value is None:
                continue
            if value.data is not None:
                self.data[node.id] = value.data.copy()
            shown += [t for t in (value.tensor, value.former) if t is not None]
            tensor = value.tensor
            if tensor is None:
                continue
            self.tensors[node.id] = tensor
            grad = grad_of(tensor)
            self.grads[node.id] = None if grad is None else values(grad).copy()
            if tensor.retains_grad:
                self.retained.add(node.id)
        self.names = names.only(shown)
        named = {}
        for tensor in shown:
            if id(tensor) in self.names.tensors:
                named.setdefault(id(tensor), (self.names.tensors[id(tensor)][0], tensor))
        self._named = list(named.values())

    def named(self):
        """``[(name, tensor)]``: what the picture calls each tensor it shows, in the order
        of the picture."""
        return self._named

    def apply(self, graph):
        """Give ``graph``'s values the numbers of this moment; return the gradients to draw
        (node id -> array or None) and the ids of retained non-leaf gradients."""
        grads = {}
        for node in graph.nodes.values():
            if node.kind != "variable" or node.value is None:
                continue
            if node.id in self.data and self.tensors.get(node.id) is node.value.tensor:
                node.value.frozen = self.data[node.id]
            if node.id in self.grads and self.tensors[node.id] is node.value.tensor:
                grads[node.id] = self.grads[node.id]
            elif node.value.tensor is not None and grad_of(node.value.tensor) is not None:
                grads[node.id] = values(grad_of(node.value.tensor))
        return grads, self.retained
