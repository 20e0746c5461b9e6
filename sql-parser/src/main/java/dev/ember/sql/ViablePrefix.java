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
import org.antlr.v4.runtime.atn.WildcardTransition;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds how far the input can be read as the beginning of something the grammar accepts, and
 * what could come next there: the basis of a syntax error that says what was expected.
 *
 * <p>It walks the parser's ATN over the input tokens along every path at once (memoized, with a
 * step budget), as ANTLR's full-context prediction would. Rules named in {@code phrases} are
 * reported by their phrase ("an expression") instead of the many tokens that may start them.
 */
final class ViablePrefix {
    private static final int STEP_BUDGET = 2_000_000;

    /** What may follow the longest viable prefix: phrases, visible tokens, and every token (for suggestions). */
    record Expected(int index, Set<String> phrases, Set<Integer> tokens, Set<Integer> allTokens, boolean complete) {
    }

    private record Frame(ATNState returnState, int precedence, int suppressAt, Frame parent) {
    }

    private record Config(ATNState state, int index, int precedence, int suppressAt, Frame stack) {
    }

    private final ATN atn;
    private final List<Token> tokens;
    private final Map<Integer, String> phrases;

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
        Deque<Config> work = new ArrayDeque<>();
        Set<Config> seen = new HashSet<>();
        work.push(new Config(atn.ruleToStartState[ruleIndex], startIndex, 0, -1, null));
        int steps = 0;
        while (!work.isEmpty()) {
            if (++steps > STEP_BUDGET) {
                return result(false);
            }
            Config c = work.pop();
            if (!seen.add(c)) {
                continue;
            }
            ATNState state = c.state();
            if (state instanceof RuleStopState) {
                Frame f = c.stack();
                if (f != null) {
                    work.push(new Config(f.returnState(), c.index(), f.precedence(), f.suppressAt(), f.parent()));
                }
                continue;
            }
            for (int i = state.getNumberOfTransitions() - 1; i >= 0; i--) {
                step(c, state.transition(i), work);
            }
        }
        return result(true);
    }

    private void step(Config c, Transition t, Deque<Config> work) {
        if (t instanceof RuleTransition rt) {
            int suppress = c.suppressAt();
            String phrase = phrases.get(rt.target.ruleIndex);
            if (phrase != null && c.suppressAt() != c.index()) {
                record(c.index(), phrase);
                suppress = c.index();
            }
            Frame frame = new Frame(rt.followState, c.precedence(), c.suppressAt(), c.stack());
            work.push(new Config(rt.target, c.index(), rt.precedence, suppress, frame));
        } else if (t instanceof PrecedencePredicateTransition pt) {
            if (pt.precedence >= c.precedence()) {
                work.push(new Config(t.target, c.index(), c.precedence(), c.suppressAt(), c.stack()));
            }
        } else if (t.isEpsilon()) {
            work.push(new Config(t.target, c.index(), c.precedence(), c.suppressAt(), c.stack()));
        } else {
            Token token = tokens.get(c.index());
            int type = token.getType();
            if (t.matches(type, Token.MIN_USER_TOKEN_TYPE, atn.maxTokenType)) {
                if (type != Token.EOF) {
                    work.push(new Config(t.target, c.index() + 1, c.precedence(), c.suppressAt(), c.stack()));
                }
            } else if (t instanceof AtomTransition || t instanceof SetTransition || t instanceof RangeTransition) {
                if (!(t instanceof NotSetTransition) && !(t instanceof WildcardTransition)) {
                    record(c.index(), t.label(), c.suppressAt() == c.index());
                }
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
