package dev.ember.sql;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.AtomTransition;
import org.antlr.v4.runtime.atn.NotSetTransition;
import org.antlr.v4.runtime.atn.PrecedencePredicateTransition;
import org.antlr.v4.runtime.atn.RangeTransition;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.SetTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds how far the input can be read as the beginning of something the grammar accepts, and
 * what could come next there: the basis of a syntax error that says what was expected.
 *
 * <p>It walks the parser's ATN over the input tokens along every path at once. Rule
 * invocations are shared, as in a GLL parser: an invocation is identified by its rule, the
 * token where it starts and its precedence, and remembers who called it and where it can
 * return, so nested parentheses cost polynomial, not exponential, work. Rules named in
 * {@code phrases} are reported by their phrase ("an expression") instead of the many tokens
 * that may start them.
 */
final class ViablePrefix {
    private static final int STEP_BUDGET = 2_000_000;

    /** What may follow the longest viable prefix: phrases, visible tokens, and every token (for suggestions). */
    record Expected(int index, Set<String> phrases, Set<Integer> tokens, Set<Integer> allTokens, boolean complete) {
    }

    /**
     * One invocation of a rule. {@code suppressAt} is the token index at which a phrase already
     * stands for whatever this invocation expects (-1 when none).
     */
    private record Call(int ruleIndex, int index, int precedence, int suppressAt) {
    }

    /** Where to continue in the caller when a rule invocation returns. */
    private record Continuation(ATNState followState, Call caller) {
    }

    private record Config(ATNState state, int index, Call call) {
    }

    private final ATN atn;
    private final List<Token> tokens;
    private final Map<Integer, String> phrases;

    private final Deque<Config> work = new ArrayDeque<>();
    private final Set<Config> seen = new HashSet<>();
    private final Map<Call, Set<Continuation>> callers = new HashMap<>();
    private final Map<Call, Set<Integer>> returns = new HashMap<>();

    private int furthest = -1;
    private final Set<String> phraseSet = new LinkedHashSet<>();
    private final Set<Integer> tokenSet = new LinkedHashSet<>();
    private final Set<Integer> allTokenSet = new LinkedHashSet<>();

    /**
     * @param tokens  the default-channel tokens, EOF last
     * @param phrases rule index to the words that name it in messages
     */
    ViablePrefix(ATN atn, List<Token> tokens, Map<Integer, String> phrases) {
        this.atn = atn;
        this.tokens = tokens;
        this.phrases = phrases;
    }

    /** Walks rule {@code ruleIndex} from token {@code startIndex}. */
    Expected analyze(int ruleIndex, int startIndex) {
        Call root = new Call(ruleIndex, startIndex, 0, -1);
        work.push(new Config(atn.ruleToStartState[ruleIndex], startIndex, root));
        int steps = 0;
        while (!work.isEmpty()) {
            if (++steps > STEP_BUDGET) {
                return result(false);
            }
            Config c = work.pop();
            if (!seen.add(c)) {
                continue;
            }
            if (c.state() instanceof RuleStopState) {
                if (returns.computeIfAbsent(c.call(), k -> new HashSet<>()).add(c.index())) {
                    for (Continuation k : callers.getOrDefault(c.call(), Set.of())) {
                        work.push(new Config(k.followState(), c.index(), k.caller()));
                    }
                }
                continue;
            }
            for (int i = c.state().getNumberOfTransitions() - 1; i >= 0; i--) {
                step(c, c.state().transition(i));
            }
        }
        return result(true);
    }

    private void step(Config c, Transition t) {
        Call call = c.call();
        if (t instanceof RuleTransition rt) {
            int suppress = call.suppressAt();
            String phrase = phrases.get(rt.target.ruleIndex);
            if (phrase != null && suppress != c.index()) {
                record(c.index(), phrase);
                suppress = c.index();
            }
            Call callee = new Call(rt.target.ruleIndex, c.index(), rt.precedence, suppress);
            if (callers.computeIfAbsent(callee, k -> new HashSet<>()).add(new Continuation(rt.followState, call))) {
                for (int returned : returns.getOrDefault(callee, Set.of())) {
                    work.push(new Config(rt.followState, returned, call));
                }
            }
            work.push(new Config(rt.target, c.index(), callee));
        } else if (t instanceof PrecedencePredicateTransition pt) {
            if (pt.precedence >= call.precedence()) {
                work.push(new Config(t.target, c.index(), call));
            }
        } else if (t.isEpsilon()) {
            work.push(new Config(t.target, c.index(), call));
        } else {
            int type = tokens.get(c.index()).getType();
            if (t.matches(type, Token.MIN_USER_TOKEN_TYPE, atn.maxTokenType)) {
                if (type != Token.EOF) {
                    work.push(new Config(t.target, c.index() + 1, call));
                }
            } else if ((t instanceof AtomTransition || t instanceof SetTransition || t instanceof RangeTransition)
                    && !(t instanceof NotSetTransition)) {
                record(c.index(), t.label(), call.suppressAt() == c.index());
            }
        }
    }

    private void record(int index, String phrase) {
        if (advance(index)) {
            phraseSet.add(phrase);
        }
    }

    private void record(int index, IntervalSet label, boolean suppressed) {
        if (advance(index)) {
            for (int type : label.toArray()) {
                allTokenSet.add(type);
                if (!suppressed) {
                    tokenSet.add(type);
                }
            }
        }
    }

    /** True if {@code index} is the furthest point reached so far (forgetting what was recorded before it). */
    private boolean advance(int index) {
        if (index > furthest) {
            furthest = index;
            phraseSet.clear();
            tokenSet.clear();
            allTokenSet.clear();
        }
        return index == furthest;
    }

    private Expected result(boolean complete) {
        return new Expected(furthest, phraseSet, tokenSet, allTokenSet, complete);
    }
}
